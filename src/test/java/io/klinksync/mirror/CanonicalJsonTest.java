package io.klinksync.mirror;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sortsKeysAtEveryLevelAndKeepsEveryScalarAsParsed() throws Exception {
        String record = "{\"z\":null,\"a\":{\"y\":true,\"x\":false},\"n\":[1,-2.50,12345678901234567890,3.0e2,"
                + "{\"q\":1,\"p\":2}],\"s\":\"é \\\"q\\\" \\u2028\"}";

        String canonical = new String(CanonicalJson.canonicalBytes(JSON.readTree(record)), StandardCharsets.UTF_8);

        assertThat(canonical).isEqualTo("{\"a\":{\"x\":false,\"y\":true},\"n\":[1,-2.5,12345678901234567890,300.0,"
                + "{\"p\":2,\"q\":1}],\"s\":\"é \\\"q\\\" \u2028\",\"z\":null}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256", "content hash"})
    void theSameContentInAnotherKeyOrderHasTheSameHash(String hash) throws Exception {
        Function<String, String> of = json -> {
            try {
                return hash.equals("sha256") ? CanonicalJson.sha256(JSON.readTree(json)) : ContentHash.of(JSON.readTree(json));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String one = of.apply("{\"id\":\"c1\",\"tags\":[\"a\",\"b\"],\"meta\":{\"k\":1,\"j\":null}}");
        String other = of.apply("{\"meta\":{\"j\":null,\"k\":1},\"tags\":[\"a\",\"b\"],\"id\":\"c1\"}");
        String changed = of.apply("{\"meta\":{\"j\":null,\"k\":2},\"tags\":[\"a\",\"b\"],\"id\":\"c1\"}");

        assertThat(one).isEqualTo(other).hasSize(64);
        assertThat(changed).isNotEqualTo(one);
        assertThat(ContentHash.isSha256(one)).isEqualTo(hash.equals("sha256"));
    }
}
