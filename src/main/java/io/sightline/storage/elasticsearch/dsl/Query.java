package io.sightline.storage.elasticsearch.dsl;

/** An Elasticsearch query clause; each record serialises to its {@code {"<kind>": {…}}} form. */
public sealed interface Query
    permits BoolQuery, TermQuery, TermsQuery, RangeQuery, FieldQuery, NestedQuery {}
