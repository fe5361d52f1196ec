package io.klinksync.mirror;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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

    @Test
    void theSameContentInAnotherKeyOrderHasTheSameHash() throws Exception {
        String one = CanonicalJson.sha256(JSON.readTree("{\"id\":\"c1\",\"tags\":[\"a\",\"b\"],\"meta\":{\"k\":1,\"j\":null}}"));
        String other = CanonicalJson.sha256(JSON.readTree("{\"meta\":{\"j\":null,\"k\":1},\"tags\":[\"a\",\"b\"],\"id\":\"c1\"}"));
        String changed = CanonicalJson.sha256(JSON.readTree("{\"meta\":{\"j\":null,\"k\":2},\"tags\":[\"a\",\"b\"],\"id\":\"c1\"}"));

        assertThat(one).isEqualTo(other).hasSize(64);
        assertThat(changed).isNotEqualTo(one);
    }
}
