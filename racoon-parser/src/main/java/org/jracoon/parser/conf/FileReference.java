package org.jracoon.parser.conf;

/**
 * A file the configuration names and racoon reads later (certificates, keys, psk.txt), resolved
 * the way racoon's getpathname() does, with where it was named, so a checker can point at the
 * line when the file is missing or unsafe.
 */
public record FileReference(Kind kind, String path, SourceLocation namedAt) {

    public enum Kind {
        PRE_SHARED_KEYS("pre-shared key file"), CERTIFICATE("certificate"), PRIVATE_KEY("private key"),
        CA_CERTIFICATE("CA certificate"), PEER_CERTIFICATE("peer certificate");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        /** Files holding secrets: racoon refuses them when others can read them (safefile()). */
        public boolean isSecret() {
            return this == PRE_SHARED_KEYS || this == PRIVATE_KEY;
        }
    }
}
