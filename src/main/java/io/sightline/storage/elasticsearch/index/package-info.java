/**
 * Internal to {@link io.sightline.storage.elasticsearch}: which indices a time window covers (daily
 * and hourly rotation, prefixes, read and write aliases, remote clusters) and Jaeger's index
 * templates. Public only for the sibling packages.
 */
package io.sightline.storage.elasticsearch.index;
