package org.jracoon.parser.setkey;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One directive of setkey input, with the line it starts on (for messages that name it).
 * SAD directives address an SA by source, destination, protocol and SPI; SPD directives a policy
 * by selector and direction.
 */
public sealed interface Directive {

    /** The 1-based line of the directive's first word. */
    int line();

    /** {@code add src dst protocol spi [options] algorithms;} */
    record Add(int line, Endpoint source, Endpoint destination, SaProtocol protocol, long spi,
               Optional<InetAddress> natOriginalAddress, SaParameters parameters, SaAlgorithms algorithms)
            implements Directive {
        public Add {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(natOriginalAddress, "natOriginalAddress");
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(algorithms, "algorithms");
            checkSpi(spi);
        }
    }

    /** {@code get src dst protocol spi;} */
    record Get(int line, Endpoint source, Endpoint destination, SaProtocol protocol, long spi) implements Directive {
        public Get {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(protocol, "protocol");
            checkSpi(spi);
        }
    }

    /** {@code delete src dst protocol spi;} */
    record Delete(int line, Endpoint source, Endpoint destination, SaProtocol protocol, long spi)
            implements Directive {
        public Delete {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(protocol, "protocol");
            checkSpi(spi);
        }
    }

    /** {@code deleteall src dst protocol;}: every SA between the two addresses. */
    record DeleteAll(int line, InetAddress source, InetAddress destination, SaProtocol protocol)
            implements Directive {
        public DeleteAll {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(protocol, "protocol");
        }
    }

    /** {@code flush [protocol];} */
    record Flush(int line, Optional<SaProtocol> protocol) implements Directive {
        public Flush {
            Objects.requireNonNull(protocol, "protocol");
        }
    }

    /** {@code dump [protocol];} */
    record Dump(int line, Optional<SaProtocol> protocol) implements Directive {
        public Dump {
            Objects.requireNonNull(protocol, "protocol");
        }
    }

    /** {@code spdadd selector -P policy;} */
    record SpdAdd(int line, Selector selector, Policy policy) implements Directive {
        public SpdAdd {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** {@code spdupdate selector -P policy;}: adds or replaces. */
    record SpdUpdate(int line, Selector selector, Policy policy) implements Directive {
        public SpdUpdate {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** {@code spddelete selector -P direction;} */
    record SpdDelete(int line, Selector selector, Policy policy) implements Directive {
        public SpdDelete {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** {@code spdflush;} */
    record SpdFlush(int line) implements Directive {
    }

    /** {@code spddump;} */
    record SpdDump(int line) implements Directive {
    }

    private static void checkSpi(long spi) {
        if (spi < 0 || spi > 0xffffffffL) {
            throw new IllegalArgumentException("SPI out of range: " + spi);
        }
    }
}
