package io.segmenta.schemas.registry;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of {@link RestSchemaRegistryClient}, read from the same property names as Confluent's client so
 * that existing client configurations (URLs, basic auth, TLS) work unchanged.
 *
 * @param urls           one or more base URLs, tried in turn (Confluent: {@code schema.registry.url}, comma separated)
 * @param requestTimeout time-out of one HTTP call
 * @param maxRetries     retries after a 5xx answer, a time-out or a refused connection
 * @param initialBackoff first back-off; doubles on each retry
 * @param userInfo       {@code user:password} for HTTP basic auth, if any
 * @param sslContext     TLS settings for https URLs, if not the JDK defaults
 */
public record SchemaRegistryConfig(List<URI> urls, Duration requestTimeout, int maxRetries, Duration initialBackoff,
                                   Optional<String> userInfo, Optional<SSLContext> sslContext) {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    public static final String SSL_PREFIX = "schema.registry.ssl.";

    public SchemaRegistryConfig {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException(URL + " must name at least one URL");
        }
        for (URI url : urls) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException(URL + " must be http or https URLs, got " + url);
            }
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException(MAX_RETRIES + " must be >= 0, got " + maxRetries);
        }
        urls = List.copyOf(urls);
    }

    /** Defaults: 10 s per request, 3 retries starting at 100 ms, no auth, JDK TLS defaults. */
    public static SchemaRegistryConfig of(String commaSeparatedUrls) {
        return fromProperties(Map.of(URL, commaSeparatedUrls));
    }

    /** Reads Confluent-style client properties; unknown keys are ignored. */
    public static SchemaRegistryConfig fromProperties(Map<String, ?> props) {
        Object url = props.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("Missing " + URL);
        }
        List<URI> urls = Arrays.stream(url.toString().split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s))
                .toList();
        Optional<String> userInfo = Optional.empty();
        String source = string(props, BASIC_AUTH_SOURCE, "");
        if (!source.isEmpty()) {
            if (!source.equals("USER_INFO")) {
                throw new IllegalArgumentException(BASIC_AUTH_SOURCE + " supports USER_INFO only, got " + source);
            }
            userInfo = Optional.of(string(props, BASIC_AUTH_USER_INFO, ""))
                    .filter(s -> s.contains(":"));
            if (userInfo.isEmpty()) {
                throw new IllegalArgumentException(BASIC_AUTH_USER_INFO + " must be user:password");
            }
        }
        return new SchemaRegistryConfig(urls,
                Duration.ofMillis(Long.parseLong(string(props, REQUEST_TIMEOUT_MS, "10000"))),
                Integer.parseInt(string(props, MAX_RETRIES, "3")),
                Duration.ofMillis(Long.parseLong(string(props, RETRY_BACKOFF_MS, "100"))),
                userInfo, sslContext(props));
    }

    private static String string(Map<String, ?> props, String key, String fallback) {
        Object v = props.get(key);
        return v == null ? fallback : v.toString().trim();
    }

    // Same keys as Confluent's client: schema.registry.ssl.truststore.location etc.
    private static Optional<SSLContext> sslContext(Map<String, ?> props) {
        String trustStore = string(props, SSL_PREFIX + "truststore.location", "");
        String keyStore = string(props, SSL_PREFIX + "keystore.location", "");
        if (trustStore.isEmpty() && keyStore.isEmpty()) {
            return Optional.empty();
        }
        try {
            TrustManagerFactory tmf = null;
            if (!trustStore.isEmpty()) {
                KeyStore ts = load(trustStore, string(props, SSL_PREFIX + "truststore.type", "PKCS12"),
                        string(props, SSL_PREFIX + "truststore.password", ""));
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
            }
            KeyManagerFactory kmf = null;
            if (!keyStore.isEmpty()) {
                String password = string(props, SSL_PREFIX + "keystore.password", "");
                KeyStore ks = load(keyStore, string(props, SSL_PREFIX + "keystore.type", "PKCS12"), password);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, string(props, SSL_PREFIX + "key.password", password).toCharArray());
            }
            SSLContext context = SSLContext.getInstance(string(props, SSL_PREFIX + "protocol", "TLS"));
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return Optional.of(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot set up TLS for the schema registry: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String location, String type, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
