package io.sightline.web.trace;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a timeline row shows about a span besides service and operation: its kind, a type hint
 * (http/db/messaging/rpc, from the attribute namespaces, as Jaeger UI infers it), small "pills"
 * (HTTP status and method, db/rpc/messaging system) and, for a client or producer leaf, the peer
 * service it called (an uninstrumented peer shows up no other way).
 *
 * @param kind one of the {@code KIND_*} constants
 * @param type one of the {@code TYPE_*} constants
 * @param pills pills in display order
 * @param peerService the {@code peer.service} tag of a client/producer span, or {@code null}
 */
record SpanHints(int kind, int type, List<Pill> pills, String peerService) {

  static final int KIND_NONE = 0;
  static final int KIND_CLIENT = 1;
  static final int KIND_SERVER = 2;
  static final int KIND_PRODUCER = 3;
  static final int KIND_CONSUMER = 4;
  static final int KIND_INTERNAL = 5;

  static final int TYPE_NONE = 0;
  static final int TYPE_HTTP = 1;
  static final int TYPE_DB = 2;
  static final int TYPE_MESSAGING = 3;
  static final int TYPE_RPC = 4;

  /** The {@code KIND_*} constants' names, by value. */
  private static final List<String> KIND_NAMES =
      List.of("", "client", "server", "producer", "consumer", "internal");

  /** The {@code TYPE_*} constants' short labels, by value. */
  private static final List<String> TYPE_LABELS = List.of("", "http", "db", "msg", "rpc");

  /**
   * A pill: a short text and its style. Serialised as a two-element array {@code [text, style]} to
   * keep the timeline payload small.
   *
   * @param text what the pill says
   * @param style {@code status}, {@code status-error} (5xx), {@code status-warn} (4xx), {@code
   *     method}, {@code db}, {@code rpc} or {@code messaging}; the CSS class is {@code
   *     pill-<style>}
   */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"text", "style"})
  public record Pill(String text, String style) {}

  /** Reads the hints from the span's tags (one pass). */
  static SpanHints of(Span span) {
    String status = null;
    String method = null;
    String dbSystem = null;
    String rpcSystem = null;
    String messagingSystem = null;
    String peer = null;
    boolean http = false;
    boolean db = false;
    boolean messaging = false;
    boolean rpc = false;
    for (KeyValue tag : span.tags()) {
      String key = tag.key();
      switch (key) {
        case "http.status_code", "http.response.status_code" -> {
          if (status == null) {
            status = tag.valueAsString();
          }
        }
        case "http.method", "http.request.method" -> {
          if (method == null) {
            method = tag.valueAsString();
          }
        }
        case "db.system", "db.system.name" -> {
          if (dbSystem == null) {
            dbSystem = tag.valueAsString();
          }
        }
        case "rpc.system" -> rpcSystem = tag.valueAsString();
        case "messaging.system" -> messagingSystem = tag.valueAsString();
        case "peer.service" -> peer = tag.valueAsString();
        default -> {}
      }
      if (key.startsWith("db.")) {
        db = true;
      } else if (key.startsWith("messaging.")) {
        messaging = true;
      } else if (key.startsWith("rpc.")) {
        rpc = true;
      } else if (key.startsWith("http.")) {
        http = true;
      }
    }
    int kind = kindOf(span.spanKind());
    int type =
        db ? TYPE_DB : messaging ? TYPE_MESSAGING : rpc ? TYPE_RPC : http ? TYPE_HTTP : TYPE_NONE;
    List<Pill> pills = new ArrayList<>(3);
    if (method != null && !method.isEmpty()) {
      pills.add(new Pill(method, "method"));
    }
    if (status != null && !status.isEmpty()) {
      pills.add(statusPill(status));
    }
    if (dbSystem != null && !dbSystem.isEmpty()) {
      pills.add(new Pill(dbSystem, "db"));
    }
    if (rpcSystem != null && !rpcSystem.isEmpty()) {
      pills.add(new Pill(rpcSystem, "rpc"));
    }
    if (messagingSystem != null && !messagingSystem.isEmpty()) {
      pills.add(new Pill(messagingSystem, "messaging"));
    }
    boolean calls = kind == KIND_CLIENT || kind == KIND_PRODUCER;
    return new SpanHints(
        kind, type, List.copyOf(pills), calls && peer != null && !peer.isEmpty() ? peer : null);
  }

  static int kindOf(String spanKind) {
    int kind = KIND_NAMES.indexOf(spanKind.toLowerCase(Locale.ROOT));
    return kind < 0 ? KIND_NONE : kind;
  }

  /** The kind's name for people ({@code ""} for none). */
  static String kindName(int kind) {
    return name(KIND_NAMES, kind);
  }

  /** The type hint's short label ({@code ""} for none). */
  static String typeLabel(int type) {
    return name(TYPE_LABELS, type);
  }

  private static String name(List<String> names, int constant) {
    return constant >= 0 && constant < names.size() ? names.get(constant) : "";
  }

  /** Status pills by status text: most spans share a handful of codes. */
  private static final ConcurrentHashMap<String, Pill> STATUS_PILLS = new ConcurrentHashMap<>();

  private static Pill statusPill(String status) {
    if (status.length() > 8) {
      return new Pill(status, statusStyle(status));
    }
    Pill pill = STATUS_PILLS.get(status);
    if (pill == null) {
      pill = new Pill(status, statusStyle(status));
      if (STATUS_PILLS.size() < 1000) {
        STATUS_PILLS.put(status, pill);
      }
    }
    return pill;
  }

  private static String statusStyle(String status) {
    try {
      int code = Integer.parseInt(status.trim());
      return code >= 500 ? "status-error" : code >= 400 ? "status-warn" : "status";
    } catch (NumberFormatException e) {
      return "status";
    }
  }
}
