package org.jracoon.setkey;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import org.jracoon.pfkey.message.SadbMessage;

/** {@code setkey -v}: shows each request and each reply as it passes. */
final class VerboseChannel implements KernelChannel {
    private final KernelChannel inner;
    private final PrintStream out;

    VerboseChannel(KernelChannel inner, PrintStream out) {
        this.inner = inner;
        this.out = out;
    }

    @Override
    public List<KernelReply> exchange(SadbMessage request) throws IOException {
        out.println("> " + request);
        List<KernelReply> replies = inner.exchange(request);
        replies.forEach(r -> out.println("< " + r.message()));
        return replies;
    }
}
