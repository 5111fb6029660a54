package io.sightline.storage;

import java.util.Arrays;
import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches {@link ConditionalOnStorageType} against {@code sightline.storage.type}. */
class OnStorageTypeCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Map<String, Object> attributes =
        metadata.getAnnotationAttributes(ConditionalOnStorageType.class.getName());
    if (attributes == null) {
      return false;
    }
    StorageType configured =
        StorageType.parse(context.getEnvironment().getProperty(StorageType.PROPERTY));
    return Arrays.asList((StorageType[]) attributes.get("value")).contains(configured);
  }
}
