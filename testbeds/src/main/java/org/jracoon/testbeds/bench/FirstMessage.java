package org.jracoon.testbeds.bench;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.jracoon.daemon.config.NegotiatorConfig;
import org.jracoon.ike.crypto.SecureRandomSource;
import org.jracoon.ike.engine.EngineSink;
import org.jracoon.ike.engine.IkeEngine;
import org.jracoon.ike.engine.SaRequest;
import org.jracoon.pfkey.recording.RecordingKernel;

/** The MM1 an initiator engine sends for a request, to probe a starting responder with. */
final class FirstMessage {

    private FirstMessage() {
    }

    static byte[] of(NegotiatorConfig negotiator, SaRequest request) {
        List<byte[]> sent = new ArrayList<>();
        EngineSink sink = EngineSink.datagramsOnly(d -> sent.add(d.data()));
        new IkeEngine(negotiator.mapped().policies(), negotiator.authenticators(), new RecordingKernel(),
                new SecureRandomSource(), InstantSource.system(), negotiator.mapped().padding(), sink)
                .acquire(request);
        if (sent.isEmpty()) {
            throw new IllegalStateException("the engine sent no MM1 for " + request);
        }
        return sent.get(0);
    }
}
