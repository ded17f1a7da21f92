package org.jracoon.parser.conf;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

import org.jracoon.parser.conf.Algorithms.AuthMethod;
import org.jracoon.parser.conf.Algorithms.Compression;
import org.jracoon.parser.conf.Algorithms.DhGroup;
import org.jracoon.parser.conf.Algorithms.Hash;
import org.jracoon.parser.conf.Algorithms.IpsecAuth;
import org.jracoon.parser.conf.Algorithms.IpsecCipher;
import org.jracoon.parser.conf.Algorithms.Phase1Cipher;
import org.jracoon.parser.conf.RacoonConf.ModeCfg;
import org.jracoon.parser.conf.Remote.Selector;

/**
 * Walks the parse trees of a racoon.conf and the files it includes, in order, and builds the
 * effective {@link RacoonConf}. It applies racoon's semantics (cfparse.y): later top-level
 * statements override earlier ones, {@code inherit} copies the parent as it stands, proposals
 * take their remote's lifetime, and racoon's semantic errors are reported at the token that
 * causes them. A semantic error in one statement does not stop the others from being checked.
 */
final class ConfigBuilder {

    private final List<Diagnostic> errors = new ArrayList<>();
    private final List<Diagnostic> warnings = new ArrayList<>();
    private final List<FileReference> files = new ArrayList<>();
    private final Deque<Path> includeStack = new ArrayDeque<>();
    private String file;

    // top level, as racoon's lcconf
    private final Map<String, String> paths = new HashMap<>();
    private RacoonConf.LogLevel logLevel = RacoonConf.LogLevel.INFO;
    private final List<Endpoint> isakmp = new ArrayList<>();
    private final List<Endpoint> isakmpNatt = new ArrayList<>();
    private boolean strictAddress;
    private RacoonConf.AdminSocket adminSocket = RacoonConf.AdminSocket.DEFAULT;
    private final SectionDrafts.Timers timers = new SectionDrafts.Timers();
    private final SectionDrafts.Padding padding = new SectionDrafts.Padding();
    private RacoonConf.Privsep privsep;
    private int pfkeyBuffer;
    private boolean complexBundle = true;
    private RacoonConf.GssIdEncoding gssIdEncoding = RacoonConf.GssIdEncoding.UTF16LE;
    private SectionDrafts.ModeConfig modeCfg;
    private SectionDrafts.Ldap ldapCfg;
    private RacoonConf.RadiusCfg radiusCfg;
    private final List<RemoteDraft> remotes = new ArrayList<>();
    private final List<Sainfo> sainfos = new ArrayList<>();
    private final Map<List<Object>, SourceLocation> sainfoKeys = new HashMap<>();

    /** A statement's value is wrong: reported at {@code at}, and the statement is skipped. */
    private static final class Invalid extends RuntimeException {
        final SourceLocation at;

        Invalid(SourceLocation at, String message) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    // ---- files and includes ----------------------------------------------------------------

    void readFile(Path path, String name) throws ConfigException {
        String text;
        try {
            text = ConfigLoader.readText(path, name);
        } catch (SyntaxErrorReporter.Stop stop) {
            throw fail(stop.diagnostic);
        }
        Path real = path.toAbsolutePath().normalize();
        includeStack.push(real);
        try {
            readText(text, name);
        } finally {
            includeStack.pop();
        }
    }

    void readText(String text, String name) throws ConfigException {
        String outer = file;
        file = name;
        try {
            try {
                ConfigLoader.parseStatements(text, name, this::statement);
            } catch (SyntaxErrorReporter.Stop stop) {
                throw fail(stop.diagnostic);
            }
        } finally {
            file = outer;
        }
    }

    private ConfigException fail(Diagnostic diagnostic) {
        List<Diagnostic> all = new ArrayList<>(errors);
        all.add(diagnostic);
        all.addAll(warnings);
        return new ConfigException(all);
    }

    LoadedConfig finish() throws ConfigException {
        if (!errors.isEmpty()) {
            List<Diagnostic> all = new ArrayList<>(errors);
            all.addAll(warnings);
            throw new ConfigException(all);
        }
        RacoonConf conf = new RacoonConf(
                new RacoonConf.Paths(path("include"), path("pre_shared_key"), path("certificate"), path("script"),
                        path("backupsa"), path("pidfile")),
                logLevel,
                new RacoonConf.Listen(List.copyOf(isakmp), List.copyOf(isakmpNatt), strictAddress, adminSocket),
                timers.build(), padding.build(), Optional.ofNullable(privsep), pfkeyBuffer, complexBundle, gssIdEncoding,
                Optional.ofNullable(modeCfg).map(SectionDrafts.ModeConfig::build),
                Optional.ofNullable(ldapCfg).map(SectionDrafts.Ldap::build), Optional.ofNullable(radiusCfg),
                remotes.stream().map(RemoteDraft::build).toList(), List.copyOf(sainfos));
        return new LoadedConfig(conf, List.copyOf(warnings), List.copyOf(files));
    }

    private Optional<String> path(String type) {
        return Optional.ofNullable(paths.get(type));
    }

    private void include(RacoonParser.IncludeContext ctx) throws ConfigException {
        String pattern = string(ctx.STRING().getSymbol());
        SourceLocation at = at(ctx.STRING().getSymbol());
        if (includeStack.size() >= ConfigLoader.MAX_INCLUDE_DEPTH) {
            throw fail(Diagnostic.error(at, "include \"" + pattern + "\": includes nested deeper than "
                    + ConfigLoader.MAX_INCLUDE_DEPTH + " levels"));
        }
        List<Path> matches;
        try {
            matches = IncludeResolver.resolve(pattern, path("include"));
        } catch (IOException e) {
            throw fail(Diagnostic.error(at, "include \"" + pattern + "\": " + e.getMessage()
                    + (path("include").isEmpty() && !pattern.startsWith("/") ? " (no 'path include' is set before it)" : "")));
        }
        for (Path match : matches) {
            Path real = match.toAbsolutePath().normalize();
            if (includeStack.contains(real)) {
                throw fail(Diagnostic.error(at, "include \"" + pattern + "\": include loop, " + match
                        + " is already being read"));
            }
            readFile(match, match.toString());
        }
    }

    // ---- top level -------------------------------------------------------------------------

    private void statement(RacoonParser.StatementContext s) throws ConfigException {
        if (s.include() != null) {
            include(s.include());
            return;
        }
        guarded(s, this::topLevel);
    }

    private void topLevel(RacoonParser.StatementContext s) {
        if (s.path() != null) {
            String type = s.path().pathType().getText();
            String value = string(s.path().STRING().getSymbol());
            paths.put(type, value);
            if (type.equals("pre_shared_key")) {
                files.add(new FileReference(FileReference.Kind.PRE_SHARED_KEYS, value, at(s.path().STRING().getSymbol())));
            }
        } else if (s.log() != null) {
            logLevel = Keyword.lookup(RacoonConf.LogLevel.class, s.log().level.getText()).orElseThrow();
        } else if (s.pfkeyBuffer() != null) {
            pfkeyBuffer = number(s.pfkeyBuffer().NUMBER(), 0, Integer.MAX_VALUE / 1024);
        } else if (s.complexBundle() != null) {
            complexBundle = onOff(s.complexBundle().onOff());
        } else if (s.gssIdEnc() != null) {
            gssIdEncoding = Keyword.lookup(RacoonConf.GssIdEncoding.class, s.gssIdEnc().getChild(1).getText()).orElseThrow();
        } else if (s.privsep() != null) {
            s.privsep().privsepStmt().forEach(st -> guarded(st, this::privsep));
            if (privsep == null) {
                privsep = new RacoonConf.Privsep(Optional.empty(), OptionalInt.empty(), Optional.empty(),
                        OptionalInt.empty(), Optional.empty());
            }
        } else if (s.padding() != null) {
            s.padding().paddingStmt().forEach(st -> guarded(st, this::padding));
        } else if (s.listen() != null) {
            s.listen().listenStmt().forEach(st -> guarded(st, this::listen));
        } else if (s.timer() != null) {
            s.timer().timerStmt().forEach(st -> guarded(st, this::timer));
        } else if (s.modeCfg() != null) {
            if (modeCfg == null) {
                modeCfg = new SectionDrafts.ModeConfig();
            }
            s.modeCfg().modeCfgStmt().forEach(st -> guarded(st, this::modeCfg));
        } else if (s.ldapcfg() != null) {
            if (ldapCfg == null) {
                ldapCfg = new SectionDrafts.Ldap();
            }
            s.ldapcfg().ldapStmt().forEach(st -> guarded(st, this::ldap));
        } else if (s.radiuscfg() != null) {
            // racoon resets timeout and retries each time a radiuscfg block starts
            radiusCfg = radiusCfg == null ? RacoonConf.RadiusCfg.DEFAULT
                    : new RacoonConf.RadiusCfg(radiusCfg.auth(), radiusCfg.acct(), 3, 3);
            s.radiuscfg().radiusStmt().forEach(st -> guarded(st, this::radius));
        } else if (s.remote() != null) {
            remote(s.remote());
        } else if (s.sainfo() != null) {
            sainfo(s.sainfo());
        }
    }

    private void privsep(RacoonParser.PrivsepStmtContext st) {
        RacoonConf.Privsep p = privsep != null ? privsep : new RacoonConf.Privsep(Optional.empty(),
                OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());
        String kw = st.kw.getText();
        Optional<String> name = st.STRING() != null ? Optional.of(string(st.STRING().getSymbol())) : Optional.empty();
        OptionalInt id = st.NUMBER() != null ? OptionalInt.of(number(st.NUMBER(), 0, Integer.MAX_VALUE)) : OptionalInt.empty();
        privsep = switch (kw) {
            case "user" -> new RacoonConf.Privsep(name, id, p.groupName(), p.groupId(), p.chroot());
            case "group" -> new RacoonConf.Privsep(p.userName(), p.userId(), name, id, p.chroot());
            default -> new RacoonConf.Privsep(p.userName(), p.userId(), p.groupName(), p.groupId(), name);
        };
    }

    private void padding(RacoonParser.PaddingStmtContext st) {
        switch (st.kw.getText()) {
            case "randomize" -> padding.randomize = onOff(st.onOff());
            case "randomize_length" -> padding.randomizeLength = onOff(st.onOff());
            case "maximum_length" -> padding.maximumLength = number(st.NUMBER(), 0, 255);
            case "strict_check" -> padding.strictCheck = onOff(st.onOff());
            default -> padding.exclusiveTail = onOff(st.onOff());
        }
    }

    private void listen(RacoonParser.ListenStmtContext st) {
        switch (st.kw.getText()) {
            case "isakmp" -> isakmp.add(endpoint(st.ADDRESS(), st.port()));
            case "isakmp_natt" -> isakmpNatt.add(endpoint(st.ADDRESS(), st.port()));
            case "strict_address" -> strictAddress = true;
            default -> {
                if (st.socket == null) {
                    adminSocket = new RacoonConf.AdminSocket(Optional.empty(), adminSocket.owner(), adminSocket.group(), adminSocket.mode());
                } else if (st.owner == null) {
                    adminSocket = new RacoonConf.AdminSocket(Optional.of(string(st.socket)), adminSocket.owner(),
                            adminSocket.group(), adminSocket.mode());
                } else {
                    // racoon reads the mode's decimal digits as octal ones, as chmod(1) would (adminsock_conf())
                    String digits = st.socketMode.getText();
                    if (!digits.matches("0?[0-7]{1,3}")) {
                        throw new Invalid(at(st.socketMode), "adminsock mode " + digits + " is not a file mode such as 0660");
                    }
                    adminSocket = new RacoonConf.AdminSocket(Optional.of(string(st.socket)), string(st.owner),
                            string(st.socketGroup), Integer.parseInt(digits, 8));
                }
            }
        }
    }

    private void timer(RacoonParser.TimerStmtContext st) {
        switch (st.kw.getText()) {
            case "counter" -> timers.counter = number(st.NUMBER(), 0, Integer.MAX_VALUE);
            case "persend" -> timers.persend = number(st.NUMBER(), 0, Integer.MAX_VALUE);
            case "interval" -> timers.interval = seconds(st.NUMBER(), st.timeUnit());
            case "phase1" -> timers.phase1 = seconds(st.NUMBER(), st.timeUnit());
            case "phase2" -> timers.phase2 = seconds(st.NUMBER(), st.timeUnit());
            default -> timers.nattKeepalive = seconds(st.NUMBER(), st.timeUnit());
        }
    }

    private void modeCfg(RacoonParser.ModeCfgStmtContext st) {
        SectionDrafts.ModeConfig m = modeCfg;
        switch (st.kw.getText()) {
            case "network4" -> m.network4 = ipv4(st.ADDRESS(0));
            case "netmask4" -> m.netmask4 = ipv4(st.ADDRESS(0));
            case "dns4" -> st.ADDRESS().forEach(a -> m.dns4.add(ipv4(a)));
            case "wins4", "nbns4" -> st.ADDRESS().forEach(a -> m.wins4.add(ipv4(a)));
            case "split_network" -> {
                m.splitType = Keyword.lookup(ModeCfg.SplitType.class, st.splitType.getText()).orElseThrow();
                st.network().forEach(n -> m.splitNetworks.add(network(n)));
            }
            case "split_dns" -> m.splitDns.addAll(strings(st.STRING()));
            case "auth_groups" -> m.authGroups.addAll(strings(st.STRING()));
            case "default_domain" -> m.defaultDomain = string(st.STRING(0).getSymbol());
            case "banner" -> m.banner = string(st.STRING(0).getSymbol());
            case "auth_source" -> m.authSource = source(st.source);
            case "group_source" -> m.groupSource = source(st.source);
            case "accounting" -> m.accounting = source(st.source);
            case "conf_source" -> m.confSource = source(st.source);
            case "pool_size" -> m.poolSize = number(st.NUMBER(), 1, 65535);
            case "auth_throttle" -> m.authThrottle = number(st.NUMBER(), 0, Integer.MAX_VALUE);
            case "pfs_group" -> m.pfsGroup = OptionalInt.of(number(st.NUMBER(), 0, 255));
            default -> m.savePasswd = onOff(st.onOff());
        }
    }

    private ModeCfg.Network network(RacoonParser.NetworkContext n) {
        return new ModeCfg.Network(ipv4(n.ADDRESS()), number(n.NUMBER(), 0, 32));
    }

    private ModeCfg.Source source(Token t) {
        return Keyword.lookup(ModeCfg.Source.class, t.getText()).orElseThrow();
    }

    private void ldap(RacoonParser.LdapStmtContext st) {
        SectionDrafts.Ldap l = ldapCfg;
        String value = st.STRING() != null ? string(st.STRING().getSymbol()) : null;
        switch (st.kw.getText()) {
            case "version" -> l.version = number(st.NUMBER(), 2, 3);
            case "port" -> l.port = number(st.NUMBER(), 1, 65535);
            case "subtree" -> l.subtree = onOff(st.onOff());
            case "host" -> l.host = value;
            case "base" -> l.base = value;
            case "bind_dn" -> l.bindDn = value;
            case "bind_pw" -> l.bindPw = value;
            case "attr_user" -> l.attrUser = value;
            case "attr_addr" -> l.attrAddr = value;
            case "attr_mask" -> l.attrMask = value;
            case "attr_group" -> l.attrGroup = value;
            default -> l.attrMember = value;
        }
    }

    private void radius(RacoonParser.RadiusStmtContext st) {
        RacoonConf.RadiusCfg r = radiusCfg;
        String kw = st.kw.getText();
        switch (kw) {
            case "timeout" -> radiusCfg = new RacoonConf.RadiusCfg(r.auth(), r.acct(), number(st.NUMBER(), 0, Integer.MAX_VALUE), r.retries());
            case "retries" -> radiusCfg = new RacoonConf.RadiusCfg(r.auth(), r.acct(), r.timeoutSeconds(), number(st.NUMBER(), 0, Integer.MAX_VALUE));
            default -> {
                List<RacoonConf.RadiusServer> list = kw.equals("auth") ? r.auth() : r.acct();
                if (list.size() == RacoonConf.RadiusCfg.MAX_SERVERS) {
                    throw new Invalid(at(st.kw), "at most " + RacoonConf.RadiusCfg.MAX_SERVERS + " radius " + kw + " servers");
                }
                int port = st.NUMBER() != null ? number(st.NUMBER(), 1, 65535) : 0;
                RacoonConf.RadiusServer server = new RacoonConf.RadiusServer(string(st.STRING(0).getSymbol()), port,
                        string(st.STRING(1).getSymbol()));
                radiusCfg = kw.equals("auth")
                        ? new RacoonConf.RadiusCfg(append(r.auth(), List.of(server)), r.acct(), r.timeoutSeconds(), r.retries())
                        : new RacoonConf.RadiusCfg(r.auth(), append(r.acct(), List.of(server)), r.timeoutSeconds(), r.retries());
            }
        }
    }

    // ---- remote ----------------------------------------------------------------------------

    /** A remote being read; mutable so that inherit can copy it and the block override it. */
    private static final class RemoteDraft implements Cloneable {
        Selector selector;
        SourceLocation at;
        Endpoint remoteAddress;
        List<Remote.ExchangeMode> exchangeModes = new ArrayList<>();
        Identifier myIdentifier = Identifier.OWN_ADDRESS;
        List<Identifier> peersIdentifiers = new ArrayList<>();
        boolean verifyIdentifier;
        Remote.Certificate certificate;
        String caCertFile;
        Remote.PeersCertificate peersCertificate;
        boolean verifyCert = true;
        boolean sendCert = true;
        boolean sendCr = true;
        boolean matchEmptyCr;
        long lifetime = Remote.DEFAULT_LIFETIME_SECONDS;
        List<ProposalDraft> proposals = new ArrayList<>();
        boolean passive;
        Remote.GeneratePolicy generatePolicy = Remote.GeneratePolicy.OFF;
        Remote.Level natTraversal = Remote.Level.OFF;
        boolean initialContact = true;
        Remote.ProposalCheck proposalCheck = Remote.ProposalCheck.STRICT;
        int nonceSize = Remote.DEFAULT_NONCE_SIZE;
        boolean dpd = Remote.Dpd.DEFAULT.enabled();
        int dpdDelay = Remote.Dpd.DEFAULT.delaySeconds();
        int dpdRetry = Remote.Dpd.DEFAULT.retrySeconds();
        int dpdMaxFail = Remote.Dpd.DEFAULT.maxFailures();
        Remote.Level rekey = Remote.Level.ON;
        Remote.Level ikeFrag = Remote.Level.OFF;
        int espFrag = Remote.DEFAULT_ESP_FRAGMENT;
        boolean modeCfg;
        boolean supportProxy;
        boolean weakPhase1Check;
        int ph1id;
        String xauthLogin;
        Map<Remote.ScriptEvent, String> scripts = new EnumMap<>(Remote.ScriptEvent.class);

        /** What inherit starts from: the parent as it stands, its lists copied so the child can change them. */
        RemoteDraft copy() {
            try {
                RemoteDraft c = (RemoteDraft) super.clone();
                c.exchangeModes = new ArrayList<>(exchangeModes);
                c.peersIdentifiers = new ArrayList<>(peersIdentifiers);
                c.proposals = new ArrayList<>(proposals);
                c.scripts = new EnumMap<>(scripts);
                return c;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError("RemoteDraft is Cloneable", e);
            }
        }

        String label() {
            return build().label();
        }

        /** Proposals get the remote's lifetime here, as set_isakmp_proposal() does at the block's end. */
        Remote build() {
            List<Proposal> resolved = proposals.stream().map(p -> p.build(lifetime)).toList();
            return new Remote(selector, Optional.ofNullable(remoteAddress), List.copyOf(exchangeModes), myIdentifier,
                    List.copyOf(peersIdentifiers), verifyIdentifier, Optional.ofNullable(certificate),
                    Optional.ofNullable(caCertFile), Optional.ofNullable(peersCertificate), verifyCert, sendCert, sendCr,
                    matchEmptyCr, lifetime, resolved, passive, generatePolicy, natTraversal, initialContact,
                    proposalCheck, nonceSize, new Remote.Dpd(dpd, dpdDelay, dpdRetry, dpdMaxFail), rekey, ikeFrag,
                    espFrag, modeCfg, supportProxy, weakPhase1Check, ph1id, Optional.ofNullable(xauthLogin),
                    Map.copyOf(scripts));
        }
    }

    /** A proposal whose lifetime may still come from its remote (0 = not written). */
    private record ProposalDraft(Phase1Cipher cipher, int keyLength, Hash hash, AuthMethod auth, DhGroup dhGroup,
                                 long lifetime, String gssId) {
        Proposal build(long remoteLifetime) {
            return new Proposal(cipher, keyLength, hash, auth, dhGroup, lifetime != 0 ? lifetime : remoteLifetime,
                    Optional.ofNullable(gssId));
        }
    }

    private void remote(RacoonParser.RemoteContext ctx) {
        SourceLocation at = at(ctx.getStart());
        Selector selector;
        try {
            selector = selector(ctx.remoteIndex(0));
        } catch (Invalid e) {
            error(e.at, e.getMessage());
            return;
        }
        RemoteDraft draft;
        if (ctx.parent != null) {
            Optional<RemoteDraft> parent = parent(selector, ctx.parent);
            if (parent.isEmpty()) {
                return;
            }
            draft = parent.get().copy();
        } else {
            draft = new RemoteDraft();
            if (ctx.remoteBlock() == null) {
                error(at(ctx.stop), "'remote' needs a { } block; only 'remote X inherit Y;' may end with ';'");
                return;
            }
        }
        if (selector instanceof Selector.Named named) {
            Optional<RemoteDraft> same = remotes.stream().filter(r -> r.selector.equals(named)).findFirst();
            if (same.isPresent()) {
                error(at, "remote \"" + named.name() + "\" is already defined at " + same.get().at);
                return;
            }
        }
        draft.selector = selector;
        draft.at = at;
        int errorsBefore = errors.size();
        if (ctx.remoteBlock() != null) {
            RemoteDraft d = draft;
            BlockOnce once = new BlockOnce();
            ctx.remoteBlock().remoteStmt().forEach(st -> guarded(st, s -> remoteStatement(d, s, once)));
        }
        if (errors.size() > errorsBefore) {
            return;
        }
        if (finishRemote(draft, at)) {
            remotes.add(draft);
        }
    }

    /** Directives racoon refuses to see twice in one block ("... already defined"). */
    private static final class BlockOnce {
        final Map<String, SourceLocation> seen = new HashMap<>();
    }

    private Selector selector(RacoonParser.RemoteIndexContext index) {
        if (index.STRING() != null) {
            return new Selector.Named(string(index.STRING().getSymbol()));
        }
        if (index.ADDRESS() != null) {
            return new Selector.Address(endpoint(index.ADDRESS(), index.port()));
        }
        return new Selector.Anonymous(port(index.port(), Endpoint.IKE_PORT, false));
    }

    private Optional<RemoteDraft> parent(Selector child, RacoonParser.RemoteIndexContext parentIndex) {
        Selector parent;
        try {
            parent = selector(parentIndex);
        } catch (Invalid e) {
            error(e.at, e.getMessage());
            return Optional.empty();
        }
        if ((child instanceof Selector.Named) != (parent instanceof Selector.Named)) {
            error(at(parentIndex.getStart()), "a named remote inherits only from a named remote, and an address or anonymous remote only from an address or anonymous remote");
            return Optional.empty();
        }
        // the latest definition wins, as racoon's lookups see the most recent remote first
        for (int i = remotes.size() - 1; i >= 0; i--) {
            if (remotes.get(i).selector.equals(parent)) {
                return Optional.of(remotes.get(i));
            }
        }
        String shown = parent instanceof Selector.Named n ? "\"" + n.name() + "\"" : parentIndex.getText();
        error(at(parentIndex.getStart()), "cannot inherit from remote " + shown + ": no such remote is defined above");
        return Optional.empty();
    }

    private void remoteStatement(RemoteDraft d, RacoonParser.RemoteStmtContext st, BlockOnce once) {
        if (st.proposal() != null) {
            proposal(d, st.proposal());
            return;
        }
        if (st.lifetime() != null) {
            d.lifetime = lifetime(st.lifetime(), " in Phase1");
            return;
        }
        String kw = st.kw.getText();
        switch (kw) {
            case "remote_address" -> {
                if (d.selector instanceof Selector.Address a) {
                    throw new Invalid(at(st.kw), "remote_address already specified: this remote is for " + a.endpoint().address());
                }
                onlyOnce(once, st.kw);
                d.remoteAddress = endpoint(st.ADDRESS(), st.port());
            }
            case "exchange_mode" -> d.exchangeModes = st.exchangeMode().stream()
                    .map(m -> Keyword.lookup(Remote.ExchangeMode.class, m.getText()).orElseThrow()).distinct().toList();
            case "doi", "situation" -> {
                // ipsec_doi and identity_only are the only values racoon implements; the others are parsed and ignored
            }
            case "certificate_type" -> {
                onlyOnce(once, st.kw);
                if (st.certType.getText().equals("x509")) {
                    String cert = string(st.STRING(0).getSymbol());
                    String key = string(st.STRING(1).getSymbol());
                    d.certificate = new Remote.Certificate.X509(cert, key);
                    reference(FileReference.Kind.CERTIFICATE, cert, st.STRING(0).getSymbol());
                    reference(FileReference.Kind.PRIVATE_KEY, key, st.STRING(1).getSymbol());
                } else {
                    String key = string(st.STRING(0).getSymbol());
                    d.certificate = new Remote.Certificate.PlainRsa(key);
                    reference(FileReference.Kind.PRIVATE_KEY, key, st.STRING(0).getSymbol());
                    // plain RSA keys carry no certificate: racoon turns the certificate exchange off
                    d.sendCr = false;
                    d.sendCert = false;
                    d.verifyCert = false;
                }
            }
            case "peers_certfile" -> {
                String type = st.certType == null ? null : st.certType.getText();
                boolean morePlainRsa = "plain_rsa".equals(type) && d.peersCertificate instanceof Remote.PeersCertificate.PlainRsa
                        && once.seen.containsKey("peers_certfile");
                if (!morePlainRsa) {
                    onlyOnce(once, st.kw);
                }
                if (type == null) {
                    String f = string(st.STRING(0).getSymbol());
                    warning(at(st.kw), "peers_certfile without a type is deprecated: write 'peers_certfile x509 \"" + f + "\";'");
                    d.peersCertificate = new Remote.PeersCertificate.X509(f);
                    reference(FileReference.Kind.PEER_CERTIFICATE, f, st.STRING(0).getSymbol());
                } else if (type.equals("dnssec")) {
                    d.peersCertificate = new Remote.PeersCertificate.Dnssec();
                } else {
                    String f = string(st.STRING(0).getSymbol());
                    d.peersCertificate = type.equals("x509") ? new Remote.PeersCertificate.X509(f)
                            : new Remote.PeersCertificate.PlainRsa(morePlainRsa
                                    ? append(((Remote.PeersCertificate.PlainRsa) d.peersCertificate).files(), List.of(f)) : List.of(f));
                    reference(FileReference.Kind.PEER_CERTIFICATE, f, st.STRING(0).getSymbol());
                }
            }
            case "ca_type" -> {
                onlyOnce(once, st.kw);
                d.caCertFile = string(st.STRING(0).getSymbol());
                reference(FileReference.Kind.CA_CERTIFICATE, d.caCertFile, st.STRING(0).getSymbol());
            }
            case "verify_cert" -> d.verifyCert = onOff(st.onOff());
            case "send_cert" -> d.sendCert = onOff(st.onOff());
            case "send_cr" -> d.sendCr = onOff(st.onOff());
            case "match_empty_cr" -> d.matchEmptyCr = onOff(st.onOff());
            case "verify_identifier" -> d.verifyIdentifier = onOff(st.onOff());
            case "passive" -> d.passive = onOff(st.onOff());
            case "mode_cfg" -> d.modeCfg = onOff(st.onOff());
            case "weak_phase1_check" -> d.weakPhase1Check = onOff(st.onOff());
            case "support_proxy" -> d.supportProxy = onOff(st.onOff());
            case "initial_contact" -> d.initialContact = onOff(st.onOff());
            case "dpd" -> d.dpd = onOff(st.onOff());
            case "my_identifier" -> d.myIdentifier = identifier(st.identifier());
            // racoon appends to the inherited list (genlist_append on the shared list)
            case "peers_identifier" -> d.peersIdentifiers.add(identifier(st.identifier()));
            case "xauth_login" -> d.xauthLogin = idValue(st.idValue());
            case "nonce_size" -> d.nonceSize = number(st.NUMBER(), 8, 256);
            case "esp_frag" -> d.espFrag = number(st.NUMBER(), 0, 65535);
            case "dpd_delay" -> d.dpdDelay = number(st.NUMBER(), 0, Integer.MAX_VALUE);
            case "dpd_retry" -> d.dpdRetry = number(st.NUMBER(), 0, Integer.MAX_VALUE);
            case "dpd_maxfail" -> d.dpdMaxFail = number(st.NUMBER(), 0, Integer.MAX_VALUE);
            case "ph1id" -> d.ph1id = number(st.NUMBER(), 0, Integer.MAX_VALUE);
            case "dh_group" -> throw new Invalid(at(st.kw), "dh_group cannot be defined here: put it inside a proposal { } block");
            case "ike_frag" -> d.ikeFrag = level(st);
            case "nat_traversal" -> d.natTraversal = level(st);
            case "rekey" -> d.rekey = level(st);
            case "script" -> d.scripts.put(Keyword.lookup(Remote.ScriptEvent.class, st.event.getText()).orElseThrow(),
                    string(st.STRING(0).getSymbol()));
            case "generate_policy" -> d.generatePolicy = st.level != null
                    ? Keyword.lookup(Remote.GeneratePolicy.class, st.level.getText()).orElseThrow()
                    : onOff(st.onOff()) ? Remote.GeneratePolicy.REQUIRE : Remote.GeneratePolicy.OFF;
            case "proposal_check" -> d.proposalCheck = Keyword.lookup(Remote.ProposalCheck.class, st.level.getText()).orElseThrow();
            default -> throw new IllegalStateException("grammar and builder disagree on remote directive " + kw);
        }
    }

    private void onlyOnce(BlockOnce once, Token kw) {
        SourceLocation first = once.seen.putIfAbsent(kw.getText(), at(kw));
        if (first != null) {
            throw new Invalid(at(kw), kw.getText() + " already defined at " + first);
        }
    }

    private Remote.Level level(RacoonParser.RemoteStmtContext st) {
        if (st.force != null) {
            return Remote.Level.FORCE;
        }
        return onOff(st.onOff()) ? Remote.Level.ON : Remote.Level.OFF;
    }

    private Identifier identifier(RacoonParser.IdentifierContext ctx) {
        Identifier.Type type = Keyword.lookup(Identifier.Type.class, ctx.idType().getText()).orElseThrow();
        Optional<Identifier.Qualifier> qualifier = ctx.qualifier == null ? Optional.empty()
                : Keyword.lookup(Identifier.Qualifier.class, ctx.qualifier.getText());
        if (qualifier.isPresent() && type != Identifier.Type.KEYID) {
            throw new Invalid(at(ctx.qualifier), "'" + ctx.qualifier.getText() + "' qualifies only a keyid identifier");
        }
        Optional<String> value = ctx.idValue() == null ? Optional.empty() : Optional.of(idValue(ctx.idValue()));
        boolean valueOptional = type == Identifier.Type.ADDRESS || type == Identifier.Type.ASN1DN;
        if (value.isEmpty() && !valueOptional) {
            throw new Invalid(at(ctx.getStop()), "identifier type " + type.keyword() + " needs a value, e.g. "
                    + type.keyword() + " \"...\"");
        }
        return new Identifier(type, qualifier, value);
    }

    private String idValue(RacoonParser.IdValueContext v) {
        return v.STRING() != null ? string(v.STRING().getSymbol()) : v.ADDRESS().getText();
    }

    private void proposal(RemoteDraft d, RacoonParser.ProposalContext ctx) {
        Phase1Cipher[] cipher = {null};
        int[] keyLength = {0};
        Hash[] hash = {null};
        AuthMethod[] auth = {null};
        DhGroup[] group = {null};
        long[] lifetime = {0};
        String[] gssId = {null};
        int errorsBefore = errors.size();
        for (RacoonParser.ProposalStmtContext st : ctx.proposalStmt()) {
            guarded(st, s -> {
                if (s.lifetime() != null) {
                    lifetime[0] = lifetime(s.lifetime(), "");
                    return;
                }
                switch (s.kw.getText()) {
                    case "encryption_algorithm" -> {
                        cipher[0] = algorithm(Phase1Cipher.class, s.algorithm(), "phase 1 encryption algorithm");
                        keyLength[0] = keyLength(cipher[0].keyLength, s.algorithm());
                    }
                    case "hash_algorithm" -> {
                        hash[0] = algorithm(Hash.class, s.algorithm(), "hash algorithm");
                        noKeyLength(s.algorithm());
                    }
                    case "authentication_method" -> {
                        auth[0] = algorithm(AuthMethod.class, s.algorithm(), "authentication method");
                        noKeyLength(s.algorithm());
                    }
                    case "dh_group" -> group[0] = dhGroup(s.dhGroup());
                    default -> gssId[0] = string(s.STRING().getSymbol());
                }
            });
        }
        if (errors.size() > errorsBefore) {
            return;
        }
        SourceLocation at = at(ctx.getStart());
        List<String> missing = new ArrayList<>();
        if (cipher[0] == null) {
            missing.add("encryption_algorithm");
        }
        if (hash[0] == null) {
            missing.add("hash_algorithm");
        }
        if (auth[0] == null) {
            missing.add("authentication_method");
        }
        if (group[0] == null) {
            missing.add("dh_group");
        }
        if (!missing.isEmpty()) {
            error(at, "proposal in remote " + d.label() + " has no " + String.join(", ", missing) + " (all four are required)");
            return;
        }
        if (gssId[0] != null && auth[0] != AuthMethod.GSSAPI_KRB) {
            error(at, "gss_id is only meaningful with 'authentication_method gssapi_krb;'");
            return;
        }
        d.proposals.add(new ProposalDraft(cipher[0], keyLength[0], hash[0], auth[0], group[0], lifetime[0], gssId[0]));
    }

    /** The checks racoon's process_rmconf() makes when a remote block ends. */
    private boolean finishRemote(RemoteDraft d, SourceLocation at) {
        String label = d.label();
        boolean ok = true;
        if (d.exchangeModes.isEmpty()) {
            error(at, "remote " + label + " has no exchange_mode (add e.g. 'exchange_mode main;')");
            ok = false;
        }
        if (d.proposals.isEmpty()) {
            error(at, "remote " + label + " has no proposal (add a 'proposal { }' block)");
            ok = false;
        }
        if (d.myIdentifier.type() == Identifier.Type.ASN1DN && d.myIdentifier.value().isEmpty()
                && !(d.certificate instanceof Remote.Certificate.X509)) {
            error(at, "remote " + label + ": my_identifier asn1dn without a DN needs 'certificate_type x509' to take the subject from");
            ok = false;
        }
        if (d.exchangeModes.contains(Remote.ExchangeMode.AGGRESSIVE)
                && d.proposals.stream().map(ProposalDraft::dhGroup).distinct().count() > 1) {
            error(at, "remote " + label + ": DH group must be equal in all proposals when aggressive mode is used");
            ok = false;
        }
        return ok;
    }

    // ---- sainfo ----------------------------------------------------------------------------

    private void sainfo(RacoonParser.SainfoContext ctx) {
        SourceLocation at = at(ctx.getStart());
        int errorsBefore = errors.size();
        SainfoId local;
        SainfoId remote;
        Optional<Identifier> from = Optional.empty();
        Optional<String> group = Optional.empty();
        try {
            RacoonParser.SainfoIdsContext ids = ctx.sainfoIds();
            if (ids.local != null) {
                local = new SainfoId.Anonymous();
                remote = ids.remoteSide != null ? new SainfoId.ClientAddress()
                        : ids.sainfoId().isEmpty() ? new SainfoId.Anonymous() : sainfoId(ids.sainfoId(0));
            } else {
                local = sainfoId(ids.sainfoId(0));
                remote = ids.remoteSide == null ? sainfoId(ids.sainfoId(1))
                        : ids.remoteSide.getText().equals("clientaddr") ? new SainfoId.ClientAddress() : new SainfoId.Anonymous();
            }
            if (ctx.sainfoParam() != null) {
                if (ctx.sainfoParam().identifier() != null) {
                    from = Optional.of(identifier(ctx.sainfoParam().identifier()));
                } else {
                    group = Optional.of(string(ctx.sainfoParam().STRING().getSymbol()));
                }
            }
        } catch (Invalid e) {
            error(e.at, e.getMessage());
            return;
        }
        DhGroup[] pfs = {null};
        long[] lifetime = {Sainfo.DEFAULT_LIFETIME_SECONDS};
        int[] remoteId = {0};
        List<Sainfo.Cipher> ciphers = new ArrayList<>();
        List<IpsecAuth> auths = new ArrayList<>();
        List<Compression> compressions = new ArrayList<>();
        for (RacoonParser.SainfoStmtContext st : ctx.sainfoStmt()) {
            guarded(st, s -> {
                if (s.lifetime() != null) {
                    lifetime[0] = lifetime(s.lifetime(), "");
                    return;
                }
                switch (s.kw.getText()) {
                    case "pfs_group" -> pfs[0] = dhGroup(s.dhGroup());
                    case "remoteid" -> remoteId[0] = number(s.NUMBER(), 0, Integer.MAX_VALUE);
                    case "encryption_algorithm" -> s.algorithm().forEach(a -> {
                        IpsecCipher c = algorithm(IpsecCipher.class, a, "phase 2 encryption algorithm");
                        ciphers.add(new Sainfo.Cipher(c, keyLength(c.keyLength, a)));
                    });
                    case "authentication_algorithm" -> s.algorithm().forEach(a -> {
                        auths.add(algorithm(IpsecAuth.class, a, "phase 2 authentication algorithm"));
                        noKeyLength(a);
                    });
                    default -> s.algorithm().forEach(a -> {
                        compressions.add(algorithm(Compression.class, a, "compression algorithm"));
                        noKeyLength(a);
                    });
                }
            });
        }
        if (errors.size() > errorsBefore) {
            return;
        }
        String label = "sainfo " + ConfigPrinter.sainfoIds(local, remote);
        if (ciphers.isEmpty()) {
            error(at, "no encryption_algorithm in " + label);
        }
        if (auths.isEmpty()) {
            error(at, "no authentication_algorithm in " + label + " (use non_auth for none)");
        }
        if (compressions.isEmpty()) {
            error(at, "no compression_algorithm in " + label
                    + " (racoon requires one even without IPComp: add 'compression_algorithm deflate;')");
        }
        if (errors.size() > errorsBefore) {
            return;
        }
        // racoon's duplicate check (getsainfo) ignores sainfos whose local side is anonymous
        if (!(local instanceof SainfoId.Anonymous)) {
            List<Object> key = List.of(local, remote, from, remoteId[0]);
            SourceLocation first = sainfoKeys.putIfAbsent(key, at);
            if (first != null) {
                error(at, "duplicated " + label + ": the same sainfo is defined at " + first);
                return;
            }
        }
        sainfos.add(new Sainfo(local, remote, from, group, Optional.ofNullable(pfs[0]), lifetime[0], remoteId[0], List.copyOf(ciphers),
                List.copyOf(auths), List.copyOf(compressions)));
    }

    private SainfoId sainfoId(RacoonParser.SainfoIdContext ctx) {
        Identifier.Type type = Keyword.lookup(Identifier.Type.class, ctx.idType().getText()).orElseThrow();
        boolean addressType = type == Identifier.Type.ADDRESS || type == Identifier.Type.SUBNET;
        if (ctx.value != null) {
            if (type == Identifier.Type.ASN1DN) {
                throw new Invalid(at(ctx.getStart()), "id type forbidden: asn1dn cannot name a sainfo side");
            }
            if (addressType) {
                throw new Invalid(at(ctx.value), "an address is written without quotes: " + type.keyword() + " 10.0.0.0/24 any");
            }
            return new SainfoId.Named(type, string(ctx.value));
        }
        if (!addressType) {
            throw new Invalid(at(ctx.low), "'" + type.keyword() + "' takes a quoted string, not an address");
        }
        IpAddress low = address(ctx.low);
        int protocol = protocol(ctx.ulProto());
        int port = port(ctx.port(), SainfoId.ANY_PORT, true);
        if ((protocol == 1 || protocol == 58) && port != SainfoId.ANY_PORT) {
            throw new Invalid(at(ctx.port().getStart()), "port number must be \"any\" for " + ctx.ulProto().getText());
        }
        if ((protocol == 58 && low.isIpv4()) || (protocol == 1 && !low.isIpv4())) {
            throw new Invalid(at(ctx.ulProto().getStart()), "upper layer protocol mismatched: "
                    + ctx.ulProto().getText() + " with an IPv" + (low.isIpv4() ? "4" : "6") + " address");
        }
        if (ctx.high != null) {
            IpAddress high = address(ctx.high);
            if (high.isIpv4() != low.isIpv4()) {
                throw new Invalid(at(ctx.high), "the two ends of an address range must be of the same family");
            }
            if (ctx.prefix != null) {
                warning(at(ctx.prefix), "a prefix on an address range is ignored");
            }
            return new SainfoId.Range(type, low, high, port, protocol);
        }
        int prefix = low.bits();
        if (ctx.prefix != null) {
            prefix = number(ctx.prefix, 0, low.bits());
        }
        return new SainfoId.Address(type, low, prefix, port, protocol);
    }

    private int protocol(RacoonParser.UlProtoContext ctx) {
        if (ctx.NUMBER() != null) {
            return number(ctx.NUMBER(), 0, 255);
        }
        return Protocols.number(ctx.getText());
    }

    // ---- values ----------------------------------------------------------------------------

    private <E extends Enum<E> & Keyword> E algorithm(Class<E> type, RacoonParser.AlgorithmContext a, String what) {
        String name = a.name.getText();
        return Keyword.lookup(type, name).orElseThrow(() -> new Invalid(at(a.getStart()),
                "'" + name + "' is not a " + what + " (expected one of " + Algorithms.names(type) + ")"));
    }

    private int keyLength(Algorithms.KeyLength rule, RacoonParser.AlgorithmContext a) {
        int written = a.NUMBER() == null ? 0 : number(a.NUMBER(), 1, 4096);
        try {
            return rule.resolve(written, a.name.getText());
        } catch (IllegalArgumentException e) {
            throw new Invalid(at(a.NUMBER() != null ? a.NUMBER().getSymbol() : a.getStart()), e.getMessage());
        }
    }

    private void noKeyLength(RacoonParser.AlgorithmContext a) {
        if (a.NUMBER() != null) {
            throw new Invalid(at(a.NUMBER().getSymbol()), "'" + a.name.getText() + "' takes no key length");
        }
    }

    private DhGroup dhGroup(RacoonParser.DhGroupContext g) {
        if (g.NUMBER() != null) {
            long n = number(g.NUMBER(), 0, Integer.MAX_VALUE);
            return DhGroup.byNumber(n).orElseThrow(() -> new Invalid(at(g.getStart()),
                    "must be DH group: " + n + " is none of 1, 2, 3, 4, 5, 14, 15, 16, 17, 18"));
        }
        return Keyword.lookup(DhGroup.class, g.getText()).orElseThrow();
    }

    private boolean onOff(RacoonParser.OnOffContext ctx) {
        String word = ctx.getText();
        if (word.equals("yes") || word.equals("no")) {
            throw new Invalid(at(ctx.getStart()), "'" + word + "' is not a switch value: racoon takes 'on' or 'off' (did you mean '"
                    + (word.equals("yes") ? "on" : "off") + "'?)");
        }
        return word.equals("on");
    }

    /** racoon accepts {@code lifetime byte} in the grammar only to reject it (cfparse.y "#if 1"). */
    private long lifetime(RacoonParser.LifetimeContext lt, String where) {
        if (lt.byteKw != null) {
            throw new Invalid(at(lt.byteKw), "byte lifetime support is deprecated" + where + ": use 'lifetime time N unit;'");
        }
        return seconds(lt.NUMBER(), lt.timeUnit());
    }

    private long seconds(TerminalNode number, RacoonParser.TimeUnitContext unit) {
        long n = number(number, 0, Integer.MAX_VALUE);
        String u = unit.getText();
        return u.startsWith("hour") ? n * 3600 : u.startsWith("min") ? n * 60 : n;
    }

    private Endpoint endpoint(TerminalNode address, RacoonParser.PortContext port) {
        return new Endpoint(address(address.getSymbol()), port(port, Endpoint.IKE_PORT, false));
    }

    private int port(RacoonParser.PortContext port, int absent, boolean anyAllowed) {
        if (port == null) {
            return absent;
        }
        if (port.NUMBER() == null) {
            if (!anyAllowed) {
                throw new Invalid(at(port.getStart()), "[any] is only allowed in a sainfo; write a port number");
            }
            return SainfoId.ANY_PORT;
        }
        return number(port.NUMBER(), 0, 65535);
    }

    private IpAddress address(Token t) {
        try {
            return IpAddress.parse(t.getText());
        } catch (IllegalArgumentException e) {
            throw new Invalid(at(t), e.getMessage());
        }
    }

    private IpAddress ipv4(TerminalNode node) {
        IpAddress a = address(node.getSymbol());
        if (!a.isIpv4()) {
            throw new Invalid(at(node.getSymbol()), "'" + node.getText() + "' is not an IPv4 address");
        }
        return a;
    }

    private int number(TerminalNode node, long min, long max) {
        return number(node.getSymbol(), min, max);
    }

    private int number(Token t, long min, long max) {
        String digits = t.getText();
        long value;
        try {
            value = digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new Invalid(at(t), "'" + digits + "' is not a number");
        }
        if (value < min || value > max) {
            throw new Invalid(at(t), digits + " is out of range (" + min + " to " + max + ")");
        }
        return (int) value;
    }

    private static List<String> strings(List<TerminalNode> nodes) {
        return nodes.stream().map(n -> string(n.getSymbol())).toList();
    }

    private static String string(Token t) {
        String text = t.getText();
        return text.substring(1, text.length() - 1);
    }

    private static <T> List<T> append(List<T> list, List<T> more) {
        List<T> out = new ArrayList<>(list);
        out.addAll(more);
        return List.copyOf(out);
    }

    /** Records a file racoon reads later, resolved against 'path certificate' as getpathname() does. */
    private void reference(FileReference.Kind kind, String name, Token at) {
        Optional<String> dir = path("certificate");
        String resolved = name.startsWith("/") || dir.isEmpty() ? name : dir.get() + "/" + name;
        files.add(new FileReference(kind, resolved, at(at)));
    }

    private <C extends ParserRuleContext> void guarded(C ctx, Consumer<C> action) {
        try {
            action.accept(ctx);
        } catch (Invalid e) {
            error(e.at, e.getMessage());
        }
    }

    private SourceLocation at(Token t) {
        return new SourceLocation(file, t.getLine(), t.getCharPositionInLine() + 1);
    }

    private void error(SourceLocation at, String message) {
        errors.add(Diagnostic.error(at, message));
    }

    private void warning(SourceLocation at, String message) {
        warnings.add(Diagnostic.warning(at, message));
    }
}
