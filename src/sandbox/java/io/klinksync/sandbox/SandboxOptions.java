package io.klinksync.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How to start a sandbox: which deployment it imitates, where it listens, and which data it holds. */
public final class SandboxOptions {

    /** The one token accepted when none is given. */
    public static final String DEFAULT_TOKEN = "sandbox-token";
    /** Seed of the synthetic records when none is given. */
    public static final long DEFAULT_SEED = 42L;
    /** Folder of the seed data on disk, relative to the working directory (a classpath copy is the fallback). */
    public static final Path DEFAULT_SEED_DIR = Path.of("samples", "sandbox");
    /** Only loopback by default: the sandbox is for this machine. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private Deployment deployment;
    private int port;
    private String host = DEFAULT_HOST;
    private String token = DEFAULT_TOKEN;
    private int contacts;
    private int conversations;
    private int groups;
    private long syntheticSeed = DEFAULT_SEED;
    private boolean seedData = true;
    private Path seedDir = DEFAULT_SEED_DIR;
    private final List<ListResource> listResources = new ArrayList<>();

    /**
     * A list resource served besides the profile's streams: the records of a JSON file (an array of objects, each
     * with a string id) at a path below the base path, GET only, paged by cursor (limit, starting_after,
     * ending_before; has_more) or by page number (page, pageSize; total, lastPage), like the documented lists.
     */
    public record ListResource(String path, Path records, String paging) {

        public ListResource {
            path = path.startsWith("/") ? path : "/" + path;
            if (!paging.equals("cursor") && !paging.equals("page")) {
                throw new IllegalArgumentException("A list resource pages by cursor or page, not '" + paging + "'.");
            }
        }
    }

    private SandboxOptions() {
    }

    /** klink profile from ./config (unless set), a free port, the sandbox token, the seed data, no synthetic records. */
    public static SandboxOptions defaults() {
        return new SandboxOptions();
    }

    /** The deployment to imitate: base path, offered streams and contact write quirks. */
    public SandboxOptions deployment(Deployment deployment) {
        this.deployment = deployment;
        return this;
    }

    /** Imitates the deployment of that name, read from the config folder (./config/providers/NAME.properties). */
    public SandboxOptions profile(String name) {
        return deployment(Deployment.load(Path.of("config"), name));
    }

    /** Serves the records of a JSON file at path (below the base path) too, paged by cursor or page. */
    public SandboxOptions listResource(String path, Path records, String paging) {
        listResources.add(new ListResource(path, records, paging));
        return this;
    }

    /** 0 picks a free port. */
    public SandboxOptions port(int port) {
        this.port = port;
        return this;
    }

    public SandboxOptions host(String host) {
        this.host = host;
        return this;
    }

    /** The one Bearer token accepted. */
    public SandboxOptions token(String token) {
        this.token = token;
        return this;
    }

    /** Deterministic synthetic contacts added after the seed data. */
    public SandboxOptions contacts(int n) {
        this.contacts = n;
        return this;
    }

    public SandboxOptions conversations(int n) {
        this.conversations = n;
        return this;
    }

    public SandboxOptions groups(int n) {
        this.groups = n;
        return this;
    }

    /** Same seed, same synthetic records (ids included). */
    public SandboxOptions syntheticSeed(long seed) {
        this.syntheticSeed = seed;
        return this;
    }

    /** Load samples/sandbox/*.json (default true). */
    public SandboxOptions seedData(boolean load) {
        this.seedData = load;
        return this;
    }

    /** Folder of the seed data; when it does not exist the classpath copy (sandbox/*.json) is used. */
    public SandboxOptions seedDir(Path dir) {
        this.seedDir = dir;
        return this;
    }

    public Deployment deployment() {
        if (deployment == null) {
            profile("klink");
        }
        return deployment;
    }

    public int port() {
        return port;
    }

    public String host() {
        return host;
    }

    public String token() {
        return token;
    }

    public int contacts() {
        return contacts;
    }

    public int conversations() {
        return conversations;
    }

    public int groups() {
        return groups;
    }

    public long syntheticSeed() {
        return syntheticSeed;
    }

    public boolean seedData() {
        return seedData;
    }

    public Path seedDir() {
        return seedDir;
    }

    public List<ListResource> listResources() {
        return List.copyOf(listResources);
    }
}
