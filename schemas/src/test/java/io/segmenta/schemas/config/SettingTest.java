package io.segmenta.schemas.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingTest {

    @Test
    void eachKindParsesItsTextAndNamesTheKeyWhenItCannot() {
        Setting<Integer> size = Setting.integer("segmenta.t.size", 64, 1, 100, "doc");
        Setting<Double> share = Setting.number("segmenta.t.share", 0.01, d -> d >= 0 && d < 0.5, "in [0, 0.5)", "doc");
        Setting<Duration> window = Setting.duration("segmenta.t.window", "24h", Duration.ofSeconds(1), "doc");
        Setting<Boolean> flag = Setting.flag("segmenta.t.flag", false, "doc");

        assertThat(size.parse(" 16 ")).isEqualTo(16);
        assertThat(share.parse("0.2")).isEqualTo(0.2);
        assertThat(window.parse("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(flag.parse("TRUE")).isTrue();

        assertThatThrownBy(() -> size.parse("lots")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("segmenta.t.size");
        assertThatThrownBy(() -> size.parse("101")).hasMessageContaining("segmenta.t.size").hasMessageContaining("100");
        assertThatThrownBy(() -> share.parse("0.5")).hasMessageContaining("segmenta.t.share")
                .hasMessageContaining("must be in [0, 0.5)");
        assertThatThrownBy(() -> window.parse("500ms")).hasMessageContaining("must be at least 1s");
        assertThatThrownBy(() -> window.parse("soon")).hasMessageContaining("segmenta.t.window")
                .hasMessageContaining("must be a duration");
        assertThatThrownBy(() -> flag.parse("yes")).hasMessageContaining("segmenta.t.flag");
    }

    @Test
    void defaultsAreTheDeclaredTextParsed() {
        assertThat(Setting.number("segmenta.t.days", 30, d -> d > 0, "> 0", "doc").defaultText()).isEqualTo("30");
        assertThat(Setting.duration("segmenta.t.w", "24h", Duration.ZERO, "doc").defaultValue())
                .isEqualTo(Duration.ofHours(24));
        assertThat(Setting.text("segmenta.t.dir", null, "doc").defaultValue()).isNull();
    }

    @Test
    void aDeclarationWhoseDefaultItsOwnValidatorRefusesFailsAtOnce() {
        assertThatThrownBy(() -> Setting.integer("segmenta.t.n", 0, 1, 10, "doc"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("segmenta.t.n");
        assertThatThrownBy(() -> Setting.text("kafka.key", null, "doc")).hasMessageContaining("segmenta.");
    }

    @Test
    void topicNamesFollowKafkasRule() {
        Setting<String> topic = Setting.topic("segmenta.t.topic", "events", "doc");

        assertThat(topic.parse("eu.customer-events_v2")).isEqualTo("eu.customer-events_v2");
        assertThatThrownBy(() -> topic.parse("customer events")).hasMessageContaining("must be a topic name");
        assertThatThrownBy(() -> topic.parse("x".repeat(250))).hasMessageContaining("must be a topic name");
    }
}
