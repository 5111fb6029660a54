/**
 * Realistic demo traces: the embedded store's start-up data, and the loader's {@code --generate}
 * source ({@code io.sightline.load}).
 */
package io.sightline.demo;
