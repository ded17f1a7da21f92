package org.jracoon.daemon.config;

/**
 * A configuration the parser accepts but the daemon cannot run: the message is one line naming
 * the file, the section and the statement, and why.
 */
public final class UnsupportedConfigException extends Exception {

    public UnsupportedConfigException(String message) {
        super(message);
    }
}
