package org.jracoon.parser.conf;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a {@link RacoonConf} back as racoon.conf text with every default spelt out, so the output
 * shows what racoon would actually do and parses back to an equal model. Times are written in
 * seconds, includes are already expanded, and inherited remotes are written out in full.
 */
public final class ConfigPrinter {

    private final StringBuilder out = new StringBuilder();

    private ConfigPrinter() {
    }

    public static String print(RacoonConf conf) {
        ConfigPrinter p = new ConfigPrinter();
        p.config(conf);
        return p.out.toString();
    }

    private void config(RacoonConf c) {
        RacoonConf.Paths paths = c.paths();
        paths.include().ifPresent(v -> line(0, "path include " + quote(v) + ";"));
        paths.preSharedKey().ifPresent(v -> line(0, "path pre_shared_key " + quote(v) + ";"));
        paths.certificate().ifPresent(v -> line(0, "path certificate " + quote(v) + ";"));
        paths.script().ifPresent(v -> line(0, "path script " + quote(v) + ";"));
        paths.backupSa().ifPresent(v -> line(0, "path backupsa " + quote(v) + ";"));
        paths.pidFile().ifPresent(v -> line(0, "path pidfile " + quote(v) + ";"));
        line(0, "log " + c.logLevel().keyword() + ";");
        line(0, "pfkey_buffer " + c.pfkeyBufferKb() + ";");
        line(0, "complex_bundle " + onOff(c.complexBundle()) + ";");
        line(0, "gss_id_enc " + c.gssIdEncoding().keyword() + ";");
        c.privsep().ifPresent(this::privsep);
        padding(c.padding());
        listen(c.listen());
        timers(c.timers());
        c.modeCfg().ifPresent(this::modeCfg);
        c.ldapCfg().ifPresent(this::ldap);
        c.radiusCfg().ifPresent(this::radius);
        c.remotes().forEach(this::remote);
        c.sainfos().forEach(this::sainfo);
    }

    private void privsep(RacoonConf.Privsep p) {
        open("privsep");
        p.userName().ifPresent(n -> line(1, "user " + quote(n) + ";"));
        p.userId().ifPresent(n -> line(1, "user " + n + ";"));
        p.groupName().ifPresent(n -> line(1, "group " + quote(n) + ";"));
        p.groupId().ifPresent(n -> line(1, "group " + n + ";"));
        p.chroot().ifPresent(n -> line(1, "chroot " + quote(n) + ";"));
        close(0);
    }

    private void padding(RacoonConf.Padding p) {
        open("padding");
        line(1, "randomize " + onOff(p.randomize()) + ";");
        line(1, "randomize_length " + onOff(p.randomizeLength()) + ";");
        line(1, "maximum_length " + p.maximumLength() + ";");
        line(1, "strict_check " + onOff(p.strictCheck()) + ";");
        line(1, "exclusive_tail " + onOff(p.exclusiveTail()) + ";");
        close(0);
    }

    private void listen(RacoonConf.Listen l) {
        open("listen");
        l.isakmp().forEach(e -> line(1, "isakmp " + e + ";"));
        l.isakmpNatt().forEach(e -> line(1, "isakmp_natt " + e + ";"));
        if (l.strictAddress()) {
            line(1, "strict_address;");
        }
        RacoonConf.AdminSocket a = l.adminSocket();
        line(1, a.path().map(p -> "adminsock " + quote(p) + " " + quote(a.owner()) + " " + quote(a.group()) + " "
                + String.format("%04o", a.mode()) + ";").orElse("adminsock disabled;"));
        close(0);
    }

    private void timers(RacoonConf.Timers t) {
        open("timer");
        line(1, "counter " + t.counter() + ";");
        line(1, "interval " + t.intervalSeconds() + " sec;");
        line(1, "persend " + t.persend() + ";");
        line(1, "phase1 " + t.phase1Seconds() + " sec;");
        line(1, "phase2 " + t.phase2Seconds() + " sec;");
        line(1, "natt_keepalive " + t.nattKeepaliveSeconds() + " sec;");
        close(0);
    }

    private void modeCfg(RacoonConf.ModeCfg m) {
        open("mode_cfg");
        m.network4().ifPresent(a -> line(1, "network4 " + a + ";"));
        m.netmask4().ifPresent(a -> line(1, "netmask4 " + a + ";"));
        if (!m.dns4().isEmpty()) {
            line(1, "dns4 " + join(m.dns4()) + ";");
        }
        if (!m.wins4().isEmpty()) {
            line(1, "wins4 " + join(m.wins4()) + ";");
        }
        m.splitType().ifPresent(t -> line(1, "split_network " + t.keyword() + " " + join(m.splitNetworks()) + ";"));
        if (!m.splitDns().isEmpty()) {
            line(1, "split_dns " + m.splitDns().stream().map(ConfigPrinter::quote).collect(Collectors.joining(", ")) + ";");
        }
        m.defaultDomain().ifPresent(d -> line(1, "default_domain " + quote(d) + ";"));
        line(1, "auth_source " + m.authSource().keyword() + ";");
        if (!m.authGroups().isEmpty()) {
            line(1, "auth_groups " + m.authGroups().stream().map(ConfigPrinter::quote).collect(Collectors.joining(", ")) + ";");
        }
        line(1, "group_source " + m.groupSource().keyword() + ";");
        line(1, "accounting " + m.accounting().keyword() + ";");
        line(1, "conf_source " + m.confSource().keyword() + ";");
        line(1, "pool_size " + m.poolSize() + ";");
        line(1, "auth_throttle " + m.authThrottleSeconds() + ";");
        m.banner().ifPresent(b -> line(1, "banner " + quote(b) + ";"));
        m.pfsGroup().ifPresent(g -> line(1, "pfs_group " + g + ";"));
        line(1, "save_passwd " + onOff(m.savePasswd()) + ";");
        close(0);
    }

    private void ldap(RacoonConf.LdapCfg l) {
        open("ldapcfg");
        line(1, "version " + l.version() + ";");
        line(1, "host " + quote(l.host()) + ";");
        line(1, "port " + l.port() + ";");
        l.base().ifPresent(b -> line(1, "base " + quote(b) + ";"));
        line(1, "subtree " + onOff(l.subtree()) + ";");
        l.bindDn().ifPresent(b -> line(1, "bind_dn " + quote(b) + ";"));
        l.bindPw().ifPresent(b -> line(1, "bind_pw " + quote(b) + ";"));
        line(1, "attr_user " + quote(l.attrUser()) + ";");
        line(1, "attr_addr " + quote(l.attrAddr()) + ";");
        line(1, "attr_mask " + quote(l.attrMask()) + ";");
        line(1, "attr_group " + quote(l.attrGroup()) + ";");
        line(1, "attr_member " + quote(l.attrMember()) + ";");
        close(0);
    }

    private void radius(RacoonConf.RadiusCfg r) {
        open("radiuscfg");
        r.auth().forEach(s -> line(1, "auth " + server(s) + ";"));
        r.acct().forEach(s -> line(1, "acct " + server(s) + ";"));
        line(1, "timeout " + r.timeoutSeconds() + ";");
        line(1, "retries " + r.retries() + ";");
        close(0);
    }

    private static String server(RacoonConf.RadiusServer s) {
        return quote(s.host()) + (s.port() != 0 ? " " + s.port() : "") + " " + quote(s.secret());
    }

    private void remote(Remote r) {
        String head;
        if (r.selector() instanceof Remote.Selector.Anonymous a) {
            head = "remote anonymous [" + a.port() + "]";
        } else if (r.selector() instanceof Remote.Selector.Address a) {
            head = "remote " + a.endpoint();
        } else {
            head = "remote " + quote(((Remote.Selector.Named) r.selector()).name());
        }
        open(head);
        r.remoteAddress().ifPresent(a -> line(1, "remote_address " + a + ";"));
        line(1, "exchange_mode " + r.exchangeModes().stream().map(Keyword::keyword).collect(Collectors.joining(", ")) + ";");
        line(1, "my_identifier " + identifier(r.myIdentifier()) + ";");
        r.peersIdentifiers().forEach(i -> line(1, "peers_identifier " + identifier(i) + ";"));
        line(1, "verify_identifier " + onOff(r.verifyIdentifier()) + ";");
        r.certificate().ifPresent(c -> line(1, "certificate_type " + (c instanceof Remote.Certificate.X509 x
                ? "x509 " + quote(x.certFile()) + " " + quote(x.privateKeyFile())
                : "plain_rsa " + quote(((Remote.Certificate.PlainRsa) c).privateKeyFile())) + ";"));
        r.caCertFile().ifPresent(f -> line(1, "ca_type x509 " + quote(f) + ";"));
        r.peersCertificate().ifPresent(p -> {
            if (p instanceof Remote.PeersCertificate.PlainRsa rsa) {
                rsa.files().forEach(f -> line(1, "peers_certfile plain_rsa " + quote(f) + ";"));
            } else {
                line(1, "peers_certfile " + (p instanceof Remote.PeersCertificate.X509 x ? "x509 " + quote(x.file()) : "dnssec") + ";");
            }
        });
        // after certificate_type, which switches these off for plain_rsa keys
        line(1, "verify_cert " + onOff(r.verifyCert()) + ";");
        line(1, "send_cert " + onOff(r.sendCert()) + ";");
        line(1, "send_cr " + onOff(r.sendCr()) + ";");
        line(1, "match_empty_cr " + onOff(r.matchEmptyCr()) + ";");
        line(1, "lifetime time " + r.lifetimeSeconds() + " sec;");
        line(1, "passive " + onOff(r.passive()) + ";");
        line(1, "generate_policy " + r.generatePolicy().keyword() + ";");
        line(1, "nat_traversal " + r.natTraversal().keyword() + ";");
        line(1, "initial_contact " + onOff(r.initialContact()) + ";");
        line(1, "proposal_check " + r.proposalCheck().keyword() + ";");
        line(1, "nonce_size " + r.nonceSize() + ";");
        line(1, "dpd " + onOff(r.dpd().enabled()) + ";");
        line(1, "dpd_delay " + r.dpd().delaySeconds() + ";");
        line(1, "dpd_retry " + r.dpd().retrySeconds() + ";");
        line(1, "dpd_maxfail " + r.dpd().maxFailures() + ";");
        line(1, "rekey " + r.rekey().keyword() + ";");
        line(1, "ike_frag " + r.ikeFragmentation().keyword() + ";");
        line(1, "esp_frag " + r.espFragment() + ";");
        line(1, "mode_cfg " + onOff(r.modeCfg()) + ";");
        line(1, "support_proxy " + onOff(r.supportProxy()) + ";");
        line(1, "weak_phase1_check " + onOff(r.weakPhase1Check()) + ";");
        line(1, "ph1id " + r.ph1id() + ";");
        r.xauthLogin().ifPresent(l -> line(1, "xauth_login " + quote(l) + ";"));
        for (Remote.ScriptEvent event : Remote.ScriptEvent.values()) {
            String script = r.scripts().get(event);
            if (script != null) {
                line(1, "script " + quote(script) + " " + event.keyword() + ";");
            }
        }
        for (Proposal p : r.proposals()) {
            open(1, "proposal");
            line(2, "encryption_algorithm " + p.cipher().keyword() + (p.keyLength() != 0 ? " " + p.keyLength() : "") + ";");
            line(2, "hash_algorithm " + p.hash().keyword() + ";");
            line(2, "authentication_method " + p.authMethod().keyword() + ";");
            line(2, "dh_group " + p.dhGroup().keyword() + ";");
            line(2, "lifetime time " + p.lifetimeSeconds() + " sec;");
            p.gssId().ifPresent(g -> line(2, "gss_id " + quote(g) + ";"));
            close(1);
        }
        close(0);
    }

    private static String identifier(Identifier id) {
        return id.type().keyword() + id.qualifier().map(q -> " " + q.keyword()).orElse("")
                + id.value().map(v -> " " + quote(v)).orElse("");
    }

    private void sainfo(Sainfo s) {
        String ids = sainfoIds(s.local(), s.remote());
        String param = s.from().map(f -> " from " + identifier(f)).orElse("")
                + s.group().map(g -> " group " + quote(g)).orElse("");
        open("sainfo " + ids + param);
        s.pfsGroup().ifPresent(g -> line(1, "pfs_group " + g.keyword() + ";"));
        line(1, "lifetime time " + s.lifetimeSeconds() + " sec;");
        line(1, "remoteid " + s.remoteId() + ";");
        line(1, "encryption_algorithm " + s.encryption().stream()
                .map(c -> c.algorithm().keyword() + (c.keyLength() != 0 ? " " + c.keyLength() : ""))
                .collect(Collectors.joining(", ")) + ";");
        line(1, "authentication_algorithm " + s.authentication().stream().map(Keyword::keyword).collect(Collectors.joining(", ")) + ";");
        line(1, "compression_algorithm " + s.compression().stream().map(Keyword::keyword).collect(Collectors.joining(", ")) + ";");
        close(0);
    }

    /** A sainfo header's two IDs as racoon.conf writes them; also how messages name a sainfo. */
    static String sainfoIds(SainfoId local, SainfoId remote) {
        if (local instanceof SainfoId.Anonymous && remote instanceof SainfoId.Anonymous) {
            return "anonymous";
        }
        return sainfoId(local) + " " + sainfoId(remote);
    }

    private static String sainfoId(SainfoId id) {
        if (id instanceof SainfoId.Anonymous) {
            return "anonymous";
        }
        if (id instanceof SainfoId.ClientAddress) {
            return "clientaddr";
        }
        if (id instanceof SainfoId.Address a) {
            return a.type().keyword() + " " + a.address() + "/" + a.prefix() + " " + port(a.port()) + " " + protocol(a.protocol());
        }
        if (id instanceof SainfoId.Range r) {
            return r.type().keyword() + " " + r.low() + "-" + r.high() + " " + port(r.port()) + " " + protocol(r.protocol());
        }
        SainfoId.Named n = (SainfoId.Named) id;
        return n.type().keyword() + " " + quote(n.value());
    }

    private static String port(int port) {
        return port == SainfoId.ANY_PORT ? "[any]" : "[" + port + "]";
    }

    private static String protocol(int protocol) {
        return Protocols.name(protocol).orElse(Integer.toString(protocol));
    }

    private static String join(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private void open(String head) {
        open(0, head);
    }

    private void open(int depth, String head) {
        if (depth == 0 && out.length() > 0) {
            out.append('\n');
        }
        line(depth, head + " {");
    }

    private void close(int depth) {
        line(depth, "}");
    }

    private void line(int depth, String text) {
        out.append("\t".repeat(depth)).append(text).append('\n');
    }
}
