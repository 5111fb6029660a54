package io.sightline.storage;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Registers a configuration or bean only when {@code SPAN_STORAGE_TYPE} selects one of these. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnStorageTypeCondition.class)
public @interface ConditionalOnStorageType {

  /** The storage types for which the annotated element applies. */
  StorageType[] value();
}
