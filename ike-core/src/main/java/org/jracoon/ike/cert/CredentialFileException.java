package org.jracoon.ike.cert;

import java.nio.file.Path;

/**
 * A local certificate, key or CA file named by racoon.conf is missing, unreadable or not what it
 * should be. The message is one line naming the file, for the operator.
 */
public final class CredentialFileException extends RuntimeException {

    public CredentialFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
