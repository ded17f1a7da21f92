package org.jracoon.daemon.admin;

import java.io.IOException;

/** A request the daemon refuses or cannot carry out; its message is the one line the client shows. */
public final class AdminException extends IOException {
    private static final long serialVersionUID = 1L;

    public AdminException(String message) {
        super(message);
    }
}
