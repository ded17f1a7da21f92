package org.jracoon.pfkey.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/**
 * Arbitrary datagrams from the PF_KEY socket: a message or one SadbDecodeException, nothing else;
 * a message that decodes encodes to octets that decode to the same message. Seeds (SadbMessageFuzzTestInputs): messages built by the codec (an ADD with every SA
 * extension, an SPDADD, an ACQUIRE, a GET).
 */
@Tag("fuzz")
class SadbMessageFuzzTest {

    @FuzzTest
    void datagram(byte[] datagram) {
        SadbMessage message;
        try {
            message = SadbMessage.decode(datagram);
        } catch (SadbDecodeException e) {
            if (e.reason() == null) {
                throw new AssertionError("refusal without a reason: " + e.getMessage());
            }
            return;
        }
        SadbMessage again;
        try {
            again = SadbMessage.decode(message.encode());
        } catch (SadbDecodeException e) {
            throw new AssertionError("a decoded message encodes to octets it refuses: " + e.getMessage(), e);
        }
        if (!again.equals(message)) {
            throw new AssertionError("decode(encode(m)) differs from m: " + message + " / " + again);
        }
    }
}
