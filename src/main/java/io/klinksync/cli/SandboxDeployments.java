package io.klinksync.cli;

import io.klinksync.api.Profile;
import io.klinksync.sandbox.Deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place the product describes a deployment to the sandbox: the sandbox imports nothing of the product, so
 * the commands that start one (sandbox, demo) and the tests pass the profile's values in.
 */
public final class SandboxDeployments {

    private SandboxDeployments() {
    }

    /** The deployment a sandbox must imitate for klink-sync to sync it under this profile. */
    public static Deployment of(Profile profile) {
        Map<String, String> paths = new LinkedHashMap<>();
        profile.streams().values().forEach(stream -> paths.put(stream.name(), stream.path()));
        return new Deployment(profile.name(), profile.title(), profile.baseUrl(), paths, profile.maxPageSize(),
                profile.contactNameField(), profile.contactUpdateMethod());
    }
}
