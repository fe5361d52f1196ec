package io.klinksync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain java.net.http client for the sandbox tests: real HTTP, the sandbox token, JSON answers. */
final class SandboxClient {

    static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1 as the API speaks it: the JDK client's default h2c upgrade on plain http once left a request
    // waiting past its own timeout under load.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final SandboxServer server;
    private String token;

    SandboxClient(SandboxServer server) {
        this.server = server;
        this.token = server.token();
    }

    SandboxClient withToken(String token) {
        SandboxClient client = new SandboxClient(server);
        client.token = token;
        return client;
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    HttpResponse<String> post(String path, String json) {
        return send("POST", path, json);
    }

    HttpResponse<String> put(String path, String json) {
        return send("PUT", path, json);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends to baseUrl + pathAndQuery (e.g. /contacts?page=2). */
    HttpResponse<String> send(String method, String pathAndQuery, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET expecting 200, answered as JSON. */
    JsonNode json(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response);
    }

    static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }
}
