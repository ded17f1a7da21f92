package org.jracoon.pfkey;

import org.jracoon.pfkey.message.SadbMessageType;

import java.io.IOException;

/**
 * A PF_KEY request the kernel refused ({@link #errno()} from the reply's {@code sadb_msg_errno}) or
 * left unanswered ({@link #errno()} 0).
 */
public final class PfKeyException extends IOException {
    private final SadbMessageType request;
    private final int errno;

    public PfKeyException(SadbMessageType request, int errno) {
        super(request + ": " + Errno.describe(errno));
        this.request = request;
        this.errno = errno;
    }

    /** A refusal with the kernel's errno and more words than the errno's own, such as what the kernel lacks. */
    public PfKeyException(SadbMessageType request, int errno, String reason) {
        super(request + ": " + reason);
        this.request = request;
        this.errno = errno;
    }

    public PfKeyException(SadbMessageType request, String problem) {
        super(request + ": " + problem);
        this.request = request;
        this.errno = 0;
    }

    public SadbMessageType request() {
        return request;
    }

    public int errno() {
        return errno;
    }

    /** The kernel's reason alone, e.g. {@code File exists (EEXIST)}. */
    public String reason() {
        return getMessage().substring(request.name().length() + 2);
    }
}
