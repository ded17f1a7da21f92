package org.jracoon.parser.setkey;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import org.jracoon.parser.setkey.SetkeyGrammar.*;

/**
 * Builds the model from a parse tree and applies the checks setkey and libipsec make while
 * parsing, with their messages: names of algorithms and modes, SPI size, replay with the old
 * protocols, protocol names, policy request rules (ipsec_set_policy(3)).
 */
final class SetkeyModelBuilder {
    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;
    private static final int MOBILITY_HEADER = 135;
    /** glibc's gai_strerror(EAI_SERVICE), setkey's message for a port it cannot use. */
    private static final String BAD_PORT = "Servname not supported for ai_socktype";
    private static final long PRIORITY_OFFSET_POSITIVE_MAX = 0x3fffffffL;
    private static final long PRIORITY_OFFSET_NEGATIVE_MAX = 0x40000000L;

    private final CommonTokenStream tokens;
    private final ProtocolNames protocols;

    SetkeyModelBuilder(CommonTokenStream tokens, ProtocolNames protocols) {
        this.tokens = tokens;
        this.protocols = protocols;
    }

    /** The directive of one command; not for {@code exit}, which ends the input instead. */
    Directive directive(CommandContext command) throws SetkeySyntaxException {
        int line = command.getStart().getLine();
        if (command instanceof AddCommandContext c) {
            return add(line, c);
        }
        if (command instanceof GetCommandContext c) {
            Ends ends = ends(c.addressOptions(), c.src, c.dst);
            return new Directive.Get(line, ends.src(), ends.dst(), saProtocol(c.saProtocol()), spi(c.spi()));
        }
        if (command instanceof DeleteCommandContext c) {
            Ends ends = ends(c.addressOptions(), c.src, c.dst);
            return new Directive.Delete(line, ends.src(), ends.dst(), saProtocol(c.saProtocol()), spi(c.spi()));
        }
        if (command instanceof DeleteAllCommandContext c) {
            AddressResolver resolver = AddressResolver.fromFlags(flags(c.addressOptions()));
            InetAddress src = address(c.src.WORD().getSymbol(), resolver);
            InetAddress dst = address(c.dst.WORD().getSymbol(), resolver);
            sameFamily(src, dst, c.dst.getStart());
            return new Directive.DeleteAll(line, src, dst, saProtocol(c.saProtocol()));
        }
        if (command instanceof FlushCommandContext c) {
            return new Directive.Flush(line, Optional.ofNullable(c.saProtocol()).map(SetkeyModelBuilder::saProtocol));
        }
        if (command instanceof DumpCommandContext c) {
            return new Directive.Dump(line, Optional.ofNullable(c.saProtocol()).map(SetkeyModelBuilder::saProtocol));
        }
        if (command instanceof SpdCommandContext c) {
            AddressResolver resolver = AddressResolver.fromFlags(flags(c.addressOptions()));
            Selector selector = selector(c.selector(), resolver);
            Policy policy = policy(c.policy());
            return switch (c.verb.getType()) {
                case SetkeyLexer.SPDADD -> new Directive.SpdAdd(line, selector, policy);
                case SetkeyLexer.SPDUPDATE -> new Directive.SpdUpdate(line, selector, policy);
                default -> new Directive.SpdDelete(line, selector, policy);
            };
        }
        if (command instanceof SpdFlushCommandContext) {
            return new Directive.SpdFlush(line);
        }
        return new Directive.SpdDump(line);
    }

    // ---- SAD

    private Directive.Add add(int line, AddCommandContext c) throws SetkeySyntaxException {
        Ends ends = ends(c.addressOptions(), c.src, c.dst);
        SaProtocol protocol = saProtocol(c.saProtocol());
        Optional<InetAddress> natOa = Optional.empty();
        if (c.saProtocol().natOa != null) {
            natOa = Optional.of(address(c.saProtocol().natOa.WORD().getSymbol(),
                    AddressResolver.fromFlags(flags(c.addressOptions()))));
        }
        SaParameters parameters = SaParameters.DEFAULTS;
        for (SaOptionContext option : c.saOption()) {
            parameters = option(parameters, option, protocol);
        }
        return new Directive.Add(line, ends.src(), ends.dst(), protocol, spi(c.spi()), natOa, parameters,
                algorithms(c.algorithms(), protocol));
    }

    private SaParameters option(SaParameters p, SaOptionContext option, SaProtocol protocol)
            throws SetkeySyntaxException {
        if (option instanceof ExtensionOptionContext o) {
            Token word = o.WORD().getSymbol();
            return switch (word.getText()) {
                case "random-pad" -> p.withPadding(SaParameters.Padding.RANDOM);
                case "seq-pad" -> p.withPadding(SaParameters.Padding.SEQUENTIAL);
                case "zero-pad" -> p.withPadding(SaParameters.Padding.ZERO);
                case "nocyclic-seq" -> p.withoutCyclicSequence();
                default -> throw syntaxError(word);
            };
        }
        if (option instanceof ModeOptionContext o) {
            if (o.ANY() != null) {
                return p.withMode(IpsecMode.ANY);
            }
            Token word = o.WORD().getSymbol();
            return switch (word.getText()) {
                case "transport" -> p.withMode(IpsecMode.TRANSPORT);
                case "tunnel" -> p.withMode(IpsecMode.TUNNEL);
                default -> throw syntaxError(word);
            };
        }
        if (option instanceof ReqidOptionContext o) {
            return p.withReqid(number(o.DEC(), 0xffffffffL));
        }
        if (option instanceof ReplayOptionContext o) {
            if (protocol.old()) {
                throw error(o.getStart(), "replay prevention cannot be used with ah/esp-old");
            }
            return p.withReplay((int) number(o.DEC(), 0xff));
        }
        if (option instanceof LifetimeHardOptionContext o) {
            return p.withHard(new Lifetime(number(o.DEC(), 0xffffffffL), p.hard().bytes()));
        }
        if (option instanceof LifetimeSoftOptionContext o) {
            return p.withSoft(new Lifetime(number(o.DEC(), 0xffffffffL), p.soft().bytes()));
        }
        if (option instanceof LifebyteHardOptionContext o) {
            return p.withHard(new Lifetime(p.hard().seconds(), number(o.DEC(), Long.MAX_VALUE)));
        }
        LifebyteSoftOptionContext o = (LifebyteSoftOptionContext) option;
        return p.withSoft(new Lifetime(p.soft().seconds(), number(o.DEC(), Long.MAX_VALUE)));
    }

    private SaAlgorithms algorithms(AlgorithmsContext c, SaProtocol protocol) throws SetkeySyntaxException {
        if (c instanceof EspAlgorithmsContext esp) {
            SaAlgorithms.Keyed<EncryptionAlgorithm> enc =
                    algorithm(esp.enc, EncryptionAlgorithm.class);
            // RFC 1829 DES variants: derived IV only with new ESP, 32-bit IV only with esp-old
            if ((enc.algorithm() == EncryptionAlgorithm.DES_DERIV && protocol.old())
                    || (enc.algorithm() == EncryptionAlgorithm.DES_32IV && !protocol.old())) {
                throw error(esp.enc.getStart(), "algorithm mismatched");
            }
            Optional<SaAlgorithms.Keyed<AuthenticationAlgorithm>> auth = Optional.empty();
            if (esp.auth != null) {
                auth = Optional.of(algorithm(esp.auth, AuthenticationAlgorithm.class));
            }
            return new SaAlgorithms(Optional.of(enc), auth, Optional.empty(), false);
        }
        if (c instanceof AhAlgorithmsContext ah) {
            return new SaAlgorithms(Optional.empty(), Optional.of(algorithm(ah.auth, AuthenticationAlgorithm.class)),
                    Optional.empty(), false);
        }
        IpcompAlgorithmsContext ipcomp = (IpcompAlgorithmsContext) c;
        Token name = ipcomp.WORD().getSymbol();
        CompressionAlgorithm algorithm = SadbAlgorithm.byKeyword(CompressionAlgorithm.class, name.getText())
                .orElseThrow(() -> syntaxError(name));
        return new SaAlgorithms(Optional.empty(), Optional.empty(), Optional.of(algorithm), ipcomp.F_RAWCPI() != null);
    }

    private <A extends Enum<A> & SadbAlgorithm> SaAlgorithms.Keyed<A> algorithm(AlgorithmContext c, Class<A> type)
            throws SetkeySyntaxException {
        Token name = c.WORD().getSymbol();
        A algorithm = SadbAlgorithm.byKeyword(type, name.getText()).orElseThrow(() -> syntaxError(name));
        if (algorithm.keyed() && c.key() == null) {
            throw syntaxError(tokens.get(name.getTokenIndex() + 1));
        }
        if (!algorithm.keyed() && c.key() != null) {
            throw syntaxError(c.key().getStart());
        }
        return new SaAlgorithms.Keyed<>(algorithm, c.key() == null ? new KeyMaterial(new byte[0]) : key(c.key()));
    }

    private static KeyMaterial key(KeyContext c) {
        String text = c.getText();
        if (c.HEX() != null) {
            return KeyMaterial.fromHexDigits(text.substring(2));
        }
        return new KeyMaterial(text.substring(1, text.length() - 1).getBytes(StandardCharsets.UTF_8));
    }

    private static SaProtocol saProtocol(SaProtocolContext c) {
        return switch (c.getStart().getType()) {
            case SetkeyLexer.AH -> SaProtocol.AH;
            case SetkeyLexer.AH_OLD -> SaProtocol.AH_OLD;
            case SetkeyLexer.ESP -> SaProtocol.ESP;
            case SetkeyLexer.ESP_OLD -> SaProtocol.ESP_OLD;
            case SetkeyLexer.ESP_UDP -> SaProtocol.ESP_UDP;
            case SetkeyLexer.IPCOMP -> SaProtocol.IPCOMP;
            default -> SaProtocol.TCP;
        };
    }

    private long spi(SpiContext c) throws SetkeySyntaxException {
        Token t = c.getStart();
        String digits = c.HEX() != null ? t.getText().substring(2) : t.getText();
        int radix = c.HEX() != null ? 16 : 10;
        // more than 8 hex digits or 10 decimal ones cannot fit 32 bits whatever their value
        if (digits.replaceFirst("^0+", "").length() > (radix == 16 ? 8 : 10)
                || Long.parseLong(digits, radix) > 0xffffffffL) {
            throw error(t, "SPI too big.");
        }
        return Long.parseLong(digits, radix);
    }

    /** The two ends of an SA directive, of one address family. */
    private record Ends(Endpoint src, Endpoint dst) {
    }

    private Ends ends(AddressOptionsContext options, EndpointContext src, EndpointContext dst)
            throws SetkeySyntaxException {
        AddressResolver resolver = AddressResolver.fromFlags(flags(options));
        Ends ends = new Ends(endpoint(src, resolver), endpoint(dst, resolver));
        sameFamily(ends.src().address(), ends.dst().address(), dst.getStart());
        return ends;
    }

    private Endpoint endpoint(EndpointContext c, AddressResolver resolver) throws SetkeySyntaxException {
        InetAddress address = address(c.WORD().getSymbol(), resolver);
        return new Endpoint(address, c.port() == null ? 0 : port(c.port()));
    }

    // ---- SPD

    private Selector selector(SelectorContext c, AddressResolver resolver) throws SetkeySyntaxException {
        AddressRange src = range(c.src, resolver);
        AddressRange dst = range(c.dst, resolver);
        sameFamily(src.address(), dst.address(), c.dst.getStart());
        int srcPort = c.srcPort == null ? 0 : port(c.srcPort);
        int dstPort = c.dstPort == null ? 0 : port(c.dstPort);
        int upper = upperLayer(c.upperLayer());
        if (c.ULP_SPEC() != null) {
            // setkey carries ICMP (and MIPv6) type and code in the port fields
            Token spec = c.ULP_SPEC().getSymbol();
            if (upper != ICMP && upper != ICMPV6 && upper != MOBILITY_HEADER) {
                throw error(spec, "invalid an upper layer protocol spec");
            }
            String[] parts = spec.getText().split(",");
            srcPort = (int) boundedNumber(spec, parts[0], 0xff);
            dstPort = (int) boundedNumber(spec, parts[1], 0xff);
        }
        return new Selector(src, srcPort, dst, dstPort, upper);
    }

    private AddressRange range(RangeContext c, AddressResolver resolver) throws SetkeySyntaxException {
        InetAddress address = address(c.WORD().getSymbol(), resolver);
        if (c.DEC() == null) {
            return AddressRange.host(address);
        }
        Token prefix = c.DEC().getSymbol();
        long length = boundedNumber(prefix, prefix.getText(), Integer.MAX_VALUE);
        if (length > AddressRange.maxPrefix(address)) {
            throw error(prefix, "Invalid prefix length");
        }
        return new AddressRange(address, (int) length);
    }

    private int upperLayer(UpperLayerContext c) throws SetkeySyntaxException {
        Token t = c.getStart();
        return switch (t.getType()) {
            case SetkeyLexer.ANY -> Selector.ANY_PROTOCOL;
            case SetkeyLexer.TCP -> 6;
            case SetkeyLexer.DEC -> (int) boundedNumber(t, t.getText(), 255);
            default -> {
                OptionalInt n = protocols.number(t.getText());
                if (n.isEmpty()) {
                    throw error(t, "invalid upper layer protocol");
                }
                yield n.getAsInt();
            }
        };
    }

    private Policy policy(PolicyContext c) throws SetkeySyntaxException {
        PolicyDirection direction = switch (c.direction().getStart().getType()) {
            case SetkeyLexer.P_IN -> PolicyDirection.IN;
            case SetkeyLexer.P_OUT -> PolicyDirection.OUT;
            default -> PolicyDirection.FWD;
        };
        if (c.action() == null) {
            // a bare direction (spddelete ... -P out): libipsec sends discard at priority 0
            return new Policy(direction, 0, PolicyAction.DISCARD, List.of());
        }
        long priority = c.priority() == null ? Policy.PRIORITY_DEFAULT : priority(c.priority());
        PolicyAction action = switch (c.action().getStart().getType()) {
            case SetkeyLexer.P_DISCARD -> PolicyAction.DISCARD;
            case SetkeyLexer.P_NONE -> PolicyAction.NONE;
            case SetkeyLexer.P_IPSEC -> PolicyAction.IPSEC;
            case SetkeyLexer.P_ENTRUST -> PolicyAction.ENTRUST;
            default -> PolicyAction.BYPASS;
        };
        List<IpsecRequest> requests = new ArrayList<>();
        for (RequestContext r : c.request()) {
            requests.add(request(r, direction, action));
        }
        return new Policy(direction, priority, action, requests);
    }

    private long priority(PriorityContext c) throws SetkeySyntaxException {
        if (c instanceof OffsetPriorityContext o) {
            // "priority N" raises the policy (a smaller number), "priority -N" lowers it
            long offset = boundedNumber(o.P_NUMBER().getSymbol(), o.P_NUMBER().getText(), Long.MAX_VALUE);
            boolean lower = o.P_HYPHEN() != null;
            if (offset > (lower ? 0x7fffffffL : 0x80000000L)) {
                throw error(o.P_NUMBER().getSymbol(),
                        "Priority offset not in valid range [-2147483647, 2147483648]");
            }
            return lower ? Policy.PRIORITY_DEFAULT + offset : Policy.PRIORITY_DEFAULT - offset;
        }
        BasePriorityContext b = (BasePriorityContext) c;
        long base = switch (b.base.getType()) {
            case SetkeyLexer.P_LOW -> Policy.PRIORITY_LOW;
            case SetkeyLexer.P_HIGH -> Policy.PRIORITY_HIGH;
            default -> Policy.PRIORITY_DEFAULT;
        };
        if (b.sign == null) {
            return base;
        }
        Token n = b.P_NUMBER().getSymbol();
        long offset = boundedNumber(n, n.getText(), Long.MAX_VALUE);
        boolean raise = b.sign.getType() == SetkeyLexer.P_PLUS;
        if (offset > (raise ? PRIORITY_OFFSET_NEGATIVE_MAX : PRIORITY_OFFSET_POSITIVE_MAX)) {
            throw error(n, "Priority offset from base not in valid range [0, 1073741823] for negative"
                    + " offsets and [0, 1073741824] for positive offsets");
        }
        return raise ? base - offset : base + offset;
    }

    private IpsecRequest request(RequestContext r, PolicyDirection direction, PolicyAction action)
            throws SetkeySyntaxException {
        IpsecProtocol protocol = switch (r.protocol.getType()) {
            case SetkeyLexer.P_ESP -> IpsecProtocol.ESP;
            case SetkeyLexer.P_AH -> IpsecProtocol.AH;
            default -> IpsecProtocol.IPCOMP;
        };
        if (r.ipsecMode == null) {
            throw error(r.getStart(), "Too few arguments");
        }
        IpsecMode mode = r.ipsecMode.getType() == SetkeyLexer.P_TUNNEL ? IpsecMode.TUNNEL : IpsecMode.TRANSPORT;
        Optional<InetSocketAddress> src = Optional.empty();
        Optional<InetSocketAddress> dst = Optional.empty();
        TunnelContext tunnel = r.tunnel();
        if (tunnel instanceof TunnelAddressesContext t) {
            src = Optional.of(tunnelEnd(t.srcAddr, t.srcPort));
            dst = Optional.of(tunnelEnd(t.dstAddr, t.dstPort));
        } else if (tunnel instanceof TunnelMeAnyContext && direction != PolicyDirection.OUT) {
            throw error(tunnel.getStart(), "Invalid direction");
        } else if (tunnel instanceof TunnelAnyMeContext && direction != PolicyDirection.IN) {
            throw error(tunnel.getStart(), "Invalid direction");
        }
        IpsecLevel level = IpsecLevel.DEFAULT;
        long reqid = 0;
        if (r.level() != null) {
            Token t = r.level().getStart();
            switch (t.getType()) {
                case SetkeyLexer.P_USE -> level = IpsecLevel.USE;
                case SetkeyLexer.P_REQUIRE -> level = IpsecLevel.REQUIRE;
                case SetkeyLexer.P_UNIQUE -> level = IpsecLevel.UNIQUE;
                case SetkeyLexer.P_UNIQUE_ID -> {
                    level = IpsecLevel.UNIQUE;
                    reqid = boundedNumber(t, t.getText().substring("unique:".length()), 0xffffffffL);
                }
                default -> level = IpsecLevel.DEFAULT;
            }
        }
        if (action == PolicyAction.IPSEC) {
            if (src.isEmpty() && mode == IpsecMode.TUNNEL) {
                throw error(r.getStart(), "Invalid address specification");
            }
            if (src.isPresent() && src.get().getAddress().getClass() != dst.get().getAddress().getClass()) {
                throw error(r.getStart(), "Family mismatch");
            }
        }
        return new IpsecRequest(protocol, mode, src, dst, level, reqid);
    }

    /** Tunnel end points are numeric only, as libipsec asks getaddrinfo with AI_NUMERICHOST. */
    private InetSocketAddress tunnelEnd(Token address, Token port) throws SetkeySyntaxException {
        InetAddress a = address(address, new AddressResolver(InetAddress.class, true));
        int p = 0;
        if (port != null) {
            String digits = port.getText().substring(1, port.getText().length() - 1);
            p = (int) boundedNumber(port, digits, 0xffff);
        }
        return new InetSocketAddress(a, p);
    }

    // ---- shared pieces

    private InetAddress address(Token word, AddressResolver resolver) throws SetkeySyntaxException {
        List<InetAddress> all;
        try {
            all = resolver.resolve(word.getText());
        } catch (UnknownHostException e) {
            throw error(word, e.getMessage());
        }
        if (all.size() > 1) {
            throw error(word, "multiple address specified");
        }
        return all.get(0);
    }

    private int port(PortContext c) throws SetkeySyntaxException {
        if (c.ANY() != null) {
            return 0;
        }
        if (c.WORD() != null) {
            throw error(c.WORD().getSymbol(), BAD_PORT);
        }
        Token t = c.DEC().getSymbol();
        if (t.getText().length() > 5 || Integer.parseInt(t.getText()) > 0xffff) {
            throw error(t, BAD_PORT);
        }
        return Integer.parseInt(t.getText());
    }

    private void sameFamily(InetAddress a, InetAddress b, Token at) throws SetkeySyntaxException {
        if ((a instanceof Inet4Address) != (b instanceof Inet4Address)) {
            throw error(at, "address family mismatch");
        }
    }

    private static List<String> flags(AddressOptionsContext c) {
        return c.F_AIFLAGS().stream().map(TerminalNode::getText).toList();
    }

    private long number(TerminalNode dec, long max) throws SetkeySyntaxException {
        return boundedNumber(dec.getSymbol(), dec.getText(), max);
    }

    private static long boundedNumber(Token at, String digits, long max) throws SetkeySyntaxException {
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 18 || Long.parseLong(significant) > max) {
            throw error(at, "number too big");
        }
        return Long.parseLong(significant);
    }

    private static SetkeySyntaxException syntaxError(Token at) {
        return error(at, "syntax error");
    }

    private static SetkeySyntaxException error(Token at, String reason) {
        String near = at.getType() == Token.EOF ? "" : at.getText();
        return new SetkeySyntaxException(at.getLine(), reason, near);
    }
}
