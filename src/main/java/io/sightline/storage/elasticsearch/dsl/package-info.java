/**
 * A small typed request DSL for the searches Sightline sends: queries, aggregations, sorts, search
 * bodies and {@code _msearch} headers as records that Jackson 2 serialises to Elasticsearch's JSON.
 * User input only ever becomes a JSON string value or field name through Jackson, never through
 * string concatenation.
 */
package io.sightline.storage.elasticsearch.dsl;
