package org.jracoon.parser.conf;

import java.nio.file.Path;

/** Where the shared reference material is (system property set by the pom). */
final class Shared {

    private Shared() {
    }

    static Path dir() {
        String shared = System.getProperty("jracoon.shared");
        if (shared == null) {
            throw new IllegalStateException("system property jracoon.shared is not set (run the tests through Maven)");
        }
        return Path.of(shared);
    }

    static Path corpus() {
        return dir().resolve("corpus/racoon-samples");
    }
}
