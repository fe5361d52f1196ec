package io.klinksync.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic made-up records: record i of a kind is byte-identical for the same seed, so benchmarks and
 * tests can predict ids and values. Written straight to JSON bytes: a million contacts start in seconds.
 * Every contact has 2 emails, 2 phones, 2 tags, a company and 3 custom fields (text, select, number).
 */
final class SyntheticData {

    /** Epoch seconds of the first synthetic record; later ones are a minute apart. */
    private static final long FIRST_CREATED_AT = 1_600_000_000L;
    private static final long SPACING_SECONDS = 60;
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SHORT_ID_LENGTH = 16;

    static final List<String> LATIN_NAMES = List.of("Kyaw Kyaw", "Aung Aung", "Mya Mya", "Thida", "Zaw Win",
            "Su Su", "Hla Hla", "Min Thu", "Khin Khin", "Nilar", "Tun Tun", "Ei Ei", "Win Htut", "Moe Moe");
    static final List<String> MYANMAR_NAMES = List.of("ကျော်ကျော်", "အောင်အောင်", "မြမြ", "သီတာ", "ဇော်ဝင်း",
            "စုစု", "လှလှ", "မင်းသူ", "ခင်ခင်", "နီလာ", "ထွန်းထွန်း", "အိအိ", "ဝင်းထွဋ်", "မိုးမိုး");
    static final List<String> ADDRESSES = List.of("Dagon Seikkan Township", "ဗဟန်းမြို့နယ်၊ ရန်ကုန်",
            "Hlaing Township, Yangon", "ကမာရွတ်မြို့နယ်၊ ရန်ကုန်", "Sanchaung Township, Yangon",
            "ချမ်းအေးသာစံမြို့နယ်၊ မန္တလေး", "Mayangone Township, Yangon", "တာမွေမြို့နယ်၊ ရန်ကုန်",
            "Zabuthiri Township, Naypyidaw", "မော်လမြိုင်");
    static final List<String> CHANNELS = List.of("phone", "email", "viber", "messenger", "telegram");
    static final List<String> TAGS = List.of("platinum", "gold", "silver", "vip", "wholesale", "retail", "yangon",
            "mandalay", "returning", "newsletter");
    static final List<String> COMPANIES = List.of("Cool Entreprise", "K-Link", "Shwe Taung Trading",
            "Golden Myanmar Logistics", "ရွှေမြန်မာ ကုမ္ပဏီ", "Irrawaddy Foods");
    static final List<String> SECTORS = List.of("Finance", "Retail", "Logistics", "Hospitality", "Agriculture",
            "Telecom", "ပညာရေး");
    static final List<String> TIERS = List.of("bronze", "silver", "gold", "platinum");
    static final List<String> GROUP_NAMES = List.of("Plaza Hotel", "Yangon Wholesalers", "Mandalay Retail Club",
            "ရွှေတိဂုံ ဧည့်သည်များ", "VIP Support", "Night Market Vendors");

    private static final JsonFactory FACTORY = new JsonFactory();

    private final long seed;
    private final java.util.Map<String, String> companyIds = new java.util.concurrent.ConcurrentHashMap<>();

    long seed() {
        return seed;
    }

    SyntheticData(long seed) {
        this.seed = seed;
    }

    static String contactId(long seed, long i) {
        return UUID.nameUUIDFromBytes(("sandbox-contact:" + seed + ":" + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    String shortId(String kind, long i) {
        SplittableRandom random = random(kind + "-id", i);
        char[] id = new char[SHORT_ID_LENGTH];
        for (int c = 0; c < id.length; c++) {
            id[c] = ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length()));
        }
        return new String(id);
    }

    byte[] contact(long i, SandboxStore store) {
        SplittableRandom random = random("contact", i);
        int nameIndex = random.nextInt(LATIN_NAMES.size());
        boolean myanmarScript = random.nextBoolean();
        String name = myanmarScript ? MYANMAR_NAMES.get(nameIndex) : LATIN_NAMES.get(nameIndex);
        String mailbox = LATIN_NAMES.get(nameIndex).toLowerCase().replace(' ', '.') + "." + i;
        int firstTag = random.nextInt(TAGS.size());
        int secondTag = (firstTag + 1 + random.nextInt(TAGS.size() - 1)) % TAGS.size();
        String company = COMPANIES.get(random.nextInt(COMPANIES.size()));
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("id", contactId(seed, i));
            json.writeStringField("name", name);
            json.writeStringField("address", ADDRESSES.get(random.nextInt(ADDRESSES.size())));
            json.writeStringField("channel", CHANNELS.get(random.nextInt(CHANNELS.size())));
            if (random.nextInt(4) == 0) {
                json.writeStringField("notes", "Prefers calls after 6pm");
            } else {
                json.writeNullField("notes");
            }
            json.writeNullField("avatar_url");
            json.writeArrayFieldStart("tags");
            for (int tag : new int[]{firstTag, secondTag}) {
                json.writeStartObject();
                json.writeStringField("id", store.tagId(TAGS.get(tag)));
                json.writeStringField("name", TAGS.get(tag));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("company");
            json.writeStringField("id", companyIds.computeIfAbsent(company, n -> store.company(n).get("id").asText()));
            json.writeStringField("name", company);
            json.writeNullField("phone");
            json.writeNullField("address");
            json.writeNullField("industry");
            json.writeEndObject();
            json.writeArrayFieldStart("email");
            point(json, "email", mailbox + "@gmail.com", true);
            point(json, "email", mailbox + "@work.example.com", false);
            json.writeEndArray();
            json.writeArrayFieldStart("phone");
            point(json, "phone", "09" + (400_000_000L + i), true);
            point(json, "phone", "+959" + (700_000_000L + i), false);
            json.writeEndArray();
            json.writeArrayFieldStart("customFields");
            customField(json, "cf_sector", SeedData.SECTOR_DISPLAY_NAME, "text",
                    SECTORS.get(random.nextInt(SECTORS.size())));
            customField(json, "cf_tier", "Tier", "select", TIERS.get(random.nextInt(TIERS.size())));
            json.writeStartObject();
            json.writeStringField("system_name", "cf_lifetime_value");
            json.writeStringField("display_name", "Lifetime value");
            json.writeStringField("type", "number");
            json.writeNumberField("value", random.nextInt(1_000_000));
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    byte[] conversation(long i, String groupId) {
        SplittableRandom random = random("conversation", i);
        long createdAt = FIRST_CREATED_AT + i * SPACING_SECONDS;
        long lastActive = createdAt + random.nextInt(86_400);
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("id", shortId("conversation", i));
            json.writeStringField("contact_id", shortId("conversation-contact", i));
            if (groupId == null) {
                json.writeNullField("group_id");
            } else {
                json.writeStringField("group_id", groupId);
            }
            json.writeNullField("pinned_message_id");
            json.writeBooleanField("is_pinned", random.nextInt(7) == 0);
            json.writeBooleanField("is_muted", random.nextInt(5) == 0);
            json.writeNumberField("last_active_at", lastActive);
            json.writeNumberField("last_opened_at", lastActive);
            json.writeNumberField("created_at", createdAt);
            if (random.nextInt(10) == 0) {
                json.writeNumberField("archived_at", lastActive + SPACING_SECONDS);
            } else {
                json.writeNullField("archived_at");
            }
            json.writeEndObject();
        });
    }

    byte[] group(long i) {
        SplittableRandom random = random("group", i);
        long createdAt = FIRST_CREATED_AT + i * SPACING_SECONDS;
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("id", shortId("group", i));
            json.writeStringField("name", GROUP_NAMES.get(random.nextInt(GROUP_NAMES.size())) + " " + (i + 1));
            json.writeStringField("description", "Synthetic group " + (i + 1));
            json.writeNullField("avatar_url");
            json.writeStringField("conversation_id", shortId("group-conversation", i));
            json.writeArrayFieldStart("contacts");
            int members = 2 + random.nextInt(3);
            for (int m = 0; m < members; m++) {
                json.writeStartObject();
                json.writeStringField("username", LATIN_NAMES.get(random.nextInt(LATIN_NAMES.size())));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("created_at", createdAt);
            if (random.nextInt(8) == 0) {
                json.writeNumberField("archived_at", createdAt + SPACING_SECONDS);
            } else {
                json.writeNullField("archived_at");
            }
            json.writeEndObject();
        });
    }

    private static void point(JsonGenerator json, String field, String value, boolean primary) throws IOException {
        json.writeStartObject();
        json.writeStringField(field, value);
        json.writeBooleanField("isPrimary", primary);
        json.writeEndObject();
    }

    private static void customField(JsonGenerator json, String systemName, String displayName, String type, String value)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("system_name", systemName);
        json.writeStringField("display_name", displayName);
        json.writeStringField("type", type);
        json.writeStringField("value", value);
        json.writeEndObject();
    }

    private SplittableRandom random(String kind, long i) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + kind.hashCode() * 31L + i);
    }

    private interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
