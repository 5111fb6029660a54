{{/*
Names. Kubernetes object names (and label values) are at most 63 characters.
*/}}
{{- define "sightline.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full name: the release name, followed by the chart name unless the release name already
contains it ("sightline" rather than "sightline-sightline").
*/}}
{{- define "sightline.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
A name derived from the full name plus a suffix, still within `max` characters (63 for most
objects; 52 for a CronJob, whose Jobs append 11 characters).
Usage: include "sightline.suffixedName" (dict "ctx" $ "suffix" "dependencies" "max" 52)
*/}}
{{- define "sightline.suffixedName" -}}
{{- $suffix := printf "-%s" .suffix }}
{{- $max := int (default 63 .max) }}
{{- $base := include "sightline.fullname" .ctx | trunc (sub $max (len $suffix) | int) | trimSuffix "-" }}
{{- printf "%s%s" $base $suffix }}
{{- end }}

{{- define "sightline.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels: stable for the life of a release (a Deployment's selector is immutable).
Usage: include "sightline.selectorLabels" (dict "ctx" $ "component" "query")
*/}}
{{- define "sightline.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sightline.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
All standard labels. Usage: include "sightline.labels" (dict "ctx" $ "component" "query")
*/}}
{{- define "sightline.labels" -}}
helm.sh/chart: {{ include "sightline.chart" .ctx }}
{{ include "sightline.selectorLabels" . }}
app.kubernetes.io/version: {{ include "sightline.imageTag" .ctx | replace "+" "_" | replace "@" "_" | replace ":" "_" | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: sightline
{{- with .ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "sightline.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "sightline.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "sightline.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{- define "sightline.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (include "sightline.imageTag" .) }}
{{- end }}
{{- end }}

{{/*
The Secret holding ES_PASSWORD and the key in it; empty when no password is configured.
*/}}
{{- define "sightline.esPasswordSecretName" -}}
{{- if .Values.elasticsearch.existingSecret }}
{{- .Values.elasticsearch.existingSecret }}
{{- else if .Values.elasticsearch.password }}
{{- include "sightline.suffixedName" (dict "ctx" . "suffix" "elasticsearch") }}
{{- end }}
{{- end }}

{{- define "sightline.esPasswordSecretKey" -}}
{{- if .Values.elasticsearch.existingSecret }}
{{- .Values.elasticsearch.existingSecretPasswordKey }}
{{- else }}
{{- print "password" }}
{{- end }}
{{- end }}

{{/*
The non-secret environment shared by Sightline and the dependencies job, as a name → string map
(rendered into the ConfigMap). Structured values first; `env` overrides them by name.
*/}}
{{- define "sightline.configEnv" -}}
{{- $v := .Values }}
{{- $es := $v.elasticsearch }}
{{- $cfg := dict }}
{{- with $v.storageType }}{{ $_ := set $cfg "SPAN_STORAGE_TYPE" . }}{{ end }}
{{- $otlp := toString $v.otlp.enabled }}
{{- if ne $otlp "" }}{{ $_ := set $cfg "COLLECTOR_OTLP_ENABLED" $otlp }}{{ end }}
{{- with $v.query.basePath }}{{ $_ := set $cfg "QUERY_BASE_PATH" . }}{{ end }}
{{- with $es.serverUrls }}{{ $_ := set $cfg "ES_SERVER_URLS" . }}{{ end }}
{{- with $es.username }}{{ $_ := set $cfg "ES_USERNAME" . }}{{ end }}
{{- with $es.indexPrefix }}{{ $_ := set $cfg "ES_INDEX_PREFIX" . }}{{ end }}
{{- if $es.tls.enabled }}{{ $_ := set $cfg "ES_TLS_ENABLED" "true" }}{{ end }}
{{- if $es.tls.skipHostVerify }}{{ $_ := set $cfg "ES_TLS_SKIP_HOST_VERIFY" "true" }}{{ end }}
{{- if $es.tls.caSecret }}{{ $_ := set $cfg "ES_TLS_CA" $es.tls.caMountPath }}{{ end }}
{{- range $name, $value := $v.env }}
{{- $_ := set $cfg $name (toString $value) }}
{{- end }}
{{- toYaml $cfg }}
{{- end }}

{{/*
ES_PASSWORD from its Secret, as a list of EnvVar (empty when no password is configured).
*/}}
{{- define "sightline.esPasswordEnv" -}}
{{- $secret := include "sightline.esPasswordSecretName" . }}
{{- if $secret }}
- name: ES_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ include "sightline.esPasswordSecretKey" . }}
{{- end }}
{{- end }}

{{/*
The CA certificate: one file of caSecret at caMountPath (subPath mount, as in the jaeger chart).
The volume lists the key explicitly: a missing key then fails the pod with a clear event, where a
bare subPath would silently mount an empty directory in its place.
*/}}
{{- define "sightline.esCaVolume" -}}
{{- if .Values.elasticsearch.tls.caSecret }}
- name: es-tls-ca
  secret:
    secretName: {{ .Values.elasticsearch.tls.caSecret }}
    items:
      - key: {{ .Values.elasticsearch.tls.caSecretKey }}
        path: {{ .Values.elasticsearch.tls.caSecretKey }}
{{- end }}
{{- end }}

{{- define "sightline.esCaVolumeMount" -}}
{{- if .Values.elasticsearch.tls.caSecret }}
- name: es-tls-ca
  mountPath: {{ .Values.elasticsearch.tls.caMountPath }}
  subPath: {{ .Values.elasticsearch.tls.caSecretKey }}
  readOnly: true
{{- end }}
{{- end }}

{{/*
"true" when the OTLP receivers run: forced by otlp.enabled, else Sightline's default (on with the
embedded store only).
*/}}
{{- define "sightline.otlpOn" -}}
{{- $enabled := toString .Values.otlp.enabled }}
{{- if eq $enabled "true" }}true
{{- else if and (eq $enabled "") (has (toString .Values.storageType) (list "" "memory")) }}true
{{- end }}
{{- end }}
