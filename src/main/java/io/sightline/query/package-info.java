/**
 * Raw request parameters turned into validated queries, in Jaeger's grammar and with Jaeger's error
 * texts.
 */
package io.sightline.query;
