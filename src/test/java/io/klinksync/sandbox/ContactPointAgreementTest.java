package io.klinksync.sandbox;

import io.klinksync.contacts.ContactPoints;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox keeps its own copy of the API's email and phone rules (it imports nothing of the product); a row the
 * import accepts must still be a row the sandbox accepts, and the reasons must read the same.
 */
class ContactPointAgreementTest {

    private static final List<String> EMAILS = List.of("aye@example.com", "first.last+tag@sub.example.co", "no-at-sign",
            "two@@example.com", "a@b@example.com", ".dot@example.com", "dots..twice@example.com", "x@localhost",
            "x@example.c", "x@-bad.com", "x@xn--p1ai", "ünï@例え.jp", "x".repeat(65) + "@example.com",
            "a@" + "b".repeat(250) + ".com", "@example.com", "x@example..com");
    private static final List<String> PHONES = List.of("09 400 000 001", "+95 9 400 000 001", "(01) 234-567 ext. 12",
            "12", "123", "1234567890123456", "123456789012345", "+1 555 0100 x99", "#12", "phone", "555-0100 #7",
            "  555 0100  ", "555/0100.1", "++555");

    @Test
    void theSandboxJudgesEmailsAsTheImportDoes() {
        for (String email : EMAILS) {
            assertThat(ContactPointChecks.emailProblem(email)).as(email).isEqualTo(ContactPoints.DEFAULT.emailProblem(email));
        }
    }

    @Test
    void theSandboxJudgesPhonesAsTheImportDoesWithItsDefaultDigits() {
        for (String phone : PHONES) {
            assertThat(ContactPointChecks.phoneProblem(phone)).as(phone).isEqualTo(ContactPoints.DEFAULT.phoneProblem(phone));
        }
    }
}
