package io.segmenta.streams.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The history store's keys (the processor itself runs in the topology tests). */
class ModelStoreProcessorTest {

    @Test
    void aHistoryKeyNamesItsVersionAndKeysSortByVersion() {
        String v9 = ModelStoreProcessor.historyKey("default", 9);
        String v10 = ModelStoreProcessor.historyKey("default", 10);

        assertThat(ModelStoreProcessor.historyVersion(v9)).isEqualTo(9);
        assertThat(ModelStoreProcessor.historyVersion(v10)).isEqualTo(10);
        assertThat(v9).isLessThan(v10).isLessThan(ModelStoreProcessor.lastHistoryKey("default"));
        assertThat(ModelStoreProcessor.historyVersion(ModelStoreProcessor.historyKey("a/b", Long.MAX_VALUE)))
                .isEqualTo(Long.MAX_VALUE);
    }
}
