/** Realistic demo traces and the loader that writes them (or Jaeger JSON files) into a store. */
package io.sightline.demo;
