/** The domain: trace records, the storage ports and the use cases (no HTTP, no Elasticsearch). */
package io.sightline.trace;
