package io.segmenta.trainer.config;

import java.util.Properties;

/** A trainer configuration as its properties file would give it: the two required keys, then the test's own. */
public final class TestProperties {

    private TestProperties() {
    }

    public static Properties of(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", "localhost:9092");
        p.setProperty("schema.registry.url", "http://localhost:8081");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}
