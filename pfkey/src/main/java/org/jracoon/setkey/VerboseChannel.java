package org.jracoon.setkey;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import org.jracoon.pfkey.PfKeyException;
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
    public SadbMessage call(SadbMessage request) throws IOException {
        out.println("> " + request);
        try {
            SadbMessage reply = inner.call(request);
            out.println("< " + reply);
            return reply;
        } catch (PfKeyException e) {
            out.println("< " + e.getMessage());
            throw e;
        }
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public List<SadbMessage> dump(SadbMessage request) throws IOException {
        out.println("> " + request);
        List<SadbMessage> entries = inner.dump(request);
        entries.forEach(m -> out.println("< " + m));
        return entries;
    }
}
