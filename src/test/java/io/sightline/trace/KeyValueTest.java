package io.sightline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.gotext.GoFloats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyValueTest {

  @Test
  void valueMustMatchItsType() {
    assertThatThrownBy(() -> new KeyValue("k", ValueType.INT64, "12"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("int64");
  }

  @Test
  void binaryValuesCompareByContentAndAreCopied() {
    byte[] bytes = {0, 0, 0x30, 0x39};
    KeyValue a = KeyValue.binary("blob", bytes);
    bytes[0] = 9;
    KeyValue b = KeyValue.binary("blob", new byte[] {0, 0, 0x30, 0x39});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.valueAsString()).isEqualTo("00003039");
  }

  @Test
  void textFormsFollowJaeger() {
    assertThat(KeyValue.bool("error", true).valueAsString()).isEqualTo("true");
    assertThat(KeyValue.int64("n", -42).valueAsString()).isEqualTo("-42");
    assertThat(KeyValue.float64("t", 72.5).valueAsString()).isEqualTo("72.5");
  }

  @ParameterizedTest
  @CsvSource({
    "72.5, 72.5",
    "1.0, 1",
    "1e21, 1e+21",
    "1.5e21, 1.5e+21",
    "1e20, 100000000000000000000",
    "0.000001, 0.000001",
    "1e-7, 1e-7",
    "-2.5e-10, -2.5e-10",
    "123456789.125, 123456789.125",
  })
  void floatsRenderAsGoJsonDoes(double value, String expected) {
    assertThat(GoFloats.format(value)).isEqualTo(expected);
  }

  @Test
  void unknownTypeNamesAreNull() {
    assertThat(ValueType.fromJaegerName("int64")).isEqualTo(ValueType.INT64);
    assertThat(ValueType.fromJaegerName("FLOAT64")).isEqualTo(ValueType.FLOAT64);
    assertThat(ValueType.fromJaegerName("decimal")).isNull();
  }
}
