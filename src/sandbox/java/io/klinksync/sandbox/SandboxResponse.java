package io.klinksync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the sandbox answers to one request: status, headers and body bytes. */
final class SandboxResponse {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_TYPE = "application/json; charset=utf-8";

    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body;

    SandboxResponse(int status, byte[] body) {
        this.status = status;
        this.body = body;
        if (body != null) {
            headers.put("Content-Type", JSON_TYPE);
        }
    }

    static SandboxResponse json(int status, Object value) {
        try {
            return new SandboxResponse(status, JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SandboxResponse raw(int status, byte[] json) {
        return new SandboxResponse(status, json);
    }

    static SandboxResponse noContent() {
        return new SandboxResponse(204, null);
    }

    /** The documented error body; 4xx are invalid_request, 5xx api_error. */
    static SandboxResponse error(int status, String message, String documentationUrl) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", status >= 500 ? "api_error" : "invalid_request");
        body.put("message", message);
        body.put("documentation_url", documentationUrl);
        return json(status, body);
    }

    /** {"status":"success","message":...,"data":...}: the envelope of contact retrieve, update and delete. */
    static SandboxResponse envelope(String message, byte[] data) {
        byte[] head = ("{\"status\":\"success\",\"message\":" + quoted(message) + ",\"data\":")
                .getBytes(StandardCharsets.UTF_8);
        byte[] payload = data == null ? "null".getBytes(StandardCharsets.UTF_8) : data;
        byte[] all = new byte[head.length + payload.length + 1];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        all[all.length - 1] = '}';
        return raw(200, all);
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    SandboxResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
