/**
 * Daemon threads with names, for every layer (like {@code gotext}, it uses nothing of Sightline).
 */
package io.sightline.threads;
