package io.sightline.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks classes that belong to the admin port's (management server's) child context only. The
 * application's component scan skips them ({@link AdminPortScanExclusion}): scanned, they would
 * also answer on the UI port — Jaeger's health on the UI's {@code /}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@interface AdminPortOnly {}
