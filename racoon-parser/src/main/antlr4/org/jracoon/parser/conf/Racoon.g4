/*
 * racoon.conf(5) as ipsec-tools 0.8.2 reads it (cftoken.l + cfparse.y).
 *
 * racoon's flex scanner needs start states because it returns a different token type for the same
 * word in different sections (e.g. "include" at top level and in "split_network"). Here every
 * keyword is one token and each section's rule lists the keywords it accepts, so the context
 * sensitivity lives in the parser: no racoon.conf construct uses a bare word as a name (names are
 * always quoted), so a keyword can never be mistaken for a value. Words that are no keyword become
 * WORD, which no rule accepts: that is how a misspelt keyword reaches the error reporter, which
 * then proposes the nearest keyword the parser expected at that point.
 *
 * Values are checked by ConfigBuilder (ranges, algorithm classes, racoon's semantic errors), which
 * keeps this grammar close to racoon's and the messages specific.
 */
grammar Racoon;

config : statement* EOF ;

statement
    : privsep | path | include | pfkeyBuffer | gssIdEnc | log | padding | listen
    | ldapcfg | radiuscfg | modeCfg | timer | sainfo | remote | complexBundle
    ;

// ---- top level -----------------------------------------------------------------------------
privsep     : 'privsep' '{' privsepStmt* '}' ;
privsepStmt : kw='user' (STRING | NUMBER) ';'
            | kw='group' (STRING | NUMBER) ';'
            | kw='chroot' STRING ';'
            ;
path        : 'path' pathType STRING ';' ;
pathType    : 'include' | 'pre_shared_key' | 'certificate' | 'script' | 'backupsa' | 'pidfile' ;
include     : 'include' STRING ';' ;
pfkeyBuffer : 'pfkey_buffer' NUMBER ';' ;
gssIdEnc    : 'gss_id_enc' ('latin1' | 'utf-16le') ';' ;
complexBundle : 'complex_bundle' onOff ';' ;
log         : 'log' level=('error' | 'warning' | 'notify' | 'info' | 'debug' | 'debug2') ';' ;

padding     : 'padding' '{' paddingStmt* '}' ;
paddingStmt : kw=('randomize' | 'randomize_length' | 'strict_check' | 'exclusive_tail') onOff ';'
            | kw='maximum_length' NUMBER ';'
            ;

listen      : 'listen' '{' listenStmt* '}' ;
listenStmt  : kw=('isakmp' | 'isakmp_natt') ADDRESS port? ';'
            | kw='adminsock' (socket=STRING (owner=STRING socketGroup=STRING socketMode=NUMBER)? | 'disabled') ';'
            | kw='strict_address' ';'
            ;

timer       : 'timer' '{' timerStmt* '}' ;
timerStmt   : kw=('counter' | 'persend') NUMBER ';'
            | kw=('interval' | 'phase1' | 'phase2' | 'natt_keepalive') NUMBER timeUnit ';'
            ;

ldapcfg     : 'ldapcfg' '{' ldapStmt* '}' ;
ldapStmt    : kw=('version' | 'port') NUMBER ';'
            | kw=('host' | 'base' | 'bind_dn' | 'bind_pw' | 'attr_user' | 'attr_addr' | 'attr_mask'
                 | 'attr_group' | 'attr_member') STRING ';'
            | kw='subtree' onOff ';'
            ;

radiuscfg   : 'radiuscfg' '{' radiusStmt* '}' ;
radiusStmt  : kw=('auth' | 'acct') STRING NUMBER? STRING ';'
            | kw=('timeout' | 'retries') NUMBER ';'
            ;

modeCfg     : 'mode_cfg' '{' modeCfgStmt* '}' ;
modeCfgStmt : kw=('network4' | 'netmask4') ADDRESS ';'
            | kw=('dns4' | 'wins4' | 'nbns4') ADDRESS (',' ADDRESS)* ';'
            | kw='split_network' splitType=('include' | 'local_lan') network (',' network)* ';'
            | kw=('split_dns' | 'auth_groups') STRING (',' STRING)* ';'
            | kw=('default_domain' | 'banner') STRING ';'
            | kw='auth_source' source=('system' | 'radius' | 'pam' | 'ldap') ';'
            | kw='group_source' source=('system' | 'ldap') ';'
            | kw='accounting' source=('none' | 'system' | 'radius' | 'pam') ';'
            | kw='conf_source' source=('local' | 'radius' | 'ldap') ';'
            | kw=('pool_size' | 'auth_throttle' | 'pfs_group') NUMBER ';'
            | kw='save_passwd' onOff ';'
            ;
network     : ADDRESS '/' NUMBER ;

// ---- remote (phase 1) ----------------------------------------------------------------------
// racoon allows the bare ';' only after inherit; ConfigBuilder says so (one token of lookahead
// here keeps syntax errors at the exact token).
remote      : 'remote' remoteIndex ('inherit' parent=remoteIndex)? (remoteBlock | ';') ;
remoteIndex : STRING | 'anonymous' port? | ADDRESS port? ;
remoteBlock : '{' remoteStmt* '}' ;
remoteStmt
    : kw='remote_address' ADDRESS port? ';'
    | kw='exchange_mode' exchangeMode (','? exchangeMode)* ';'
    | kw='doi' 'ipsec_doi' ';'
    | kw='situation' ('identity_only' | 'secrecy' | 'integrity') ';'
    | kw='certificate_type' (certType='x509' STRING STRING | certType='plain_rsa' STRING) ';'
    | kw='peers_certfile' (certType=('x509' | 'plain_rsa') STRING | certType='dnssec' | STRING) ';'
    | kw='ca_type' 'x509' STRING ';'
    | kw=('verify_cert' | 'send_cert' | 'send_cr' | 'match_empty_cr' | 'verify_identifier' | 'passive'
         | 'mode_cfg' | 'weak_phase1_check' | 'support_proxy' | 'initial_contact' | 'dpd') onOff ';'
    | kw=('my_identifier' | 'peers_identifier') identifier ';'
    | kw='xauth_login' idValue ';'
    | kw=('nonce_size' | 'esp_frag' | 'dpd_delay' | 'dpd_retry' | 'dpd_maxfail' | 'ph1id') NUMBER ';'
    | kw='dh_group' dhGroup ';'
    | kw=('ike_frag' | 'nat_traversal' | 'rekey') (onOff | force='force') ';'
    | kw='script' STRING event=('phase1_up' | 'phase1_down' | 'phase1_dead') ';'
    | kw='generate_policy' (onOff | level=('require' | 'unique')) ';'
    | kw='proposal_check' level=('obey' | 'strict' | 'claim' | 'exact') ';'
    | lifetime
    | proposal
    ;
exchangeMode : 'main' | 'aggressive' | 'base' ;
identifier   : idType qualifier=('file' | 'tag')? idValue? ;
idType       : 'address' | 'fqdn' | 'user_fqdn' | 'keyid' | 'asn1dn' | 'subnet' ;
idValue      : ADDRESS | STRING ;

proposal     : 'proposal' '{' proposalStmt* '}' ;
proposalStmt : kw=('encryption_algorithm' | 'hash_algorithm' | 'authentication_method') algorithm ';'
             | kw='dh_group' dhGroup ';'
             | kw=('gss_id' | 'gssapi_id') STRING ';'
             | lifetime
             ;

// ---- sainfo (phase 2) ----------------------------------------------------------------------
sainfo      : 'sainfo' sainfoIds sainfoParam? '{' sainfoStmt* '}' ;
sainfoIds   : local='anonymous' (remoteSide='clientaddr' | sainfoId)?
            | sainfoId (remoteSide=('anonymous' | 'clientaddr') | sainfoId)
            ;
sainfoId    : idType (low=ADDRESS ('-' high=ADDRESS)? ('/' prefix=NUMBER)? port? ulProto | value=STRING) ;
ulProto     : NUMBER | 'any' | 'esp' | 'ah' | 'ipcomp' | 'icmp' | 'icmp6' | 'tcp' | 'udp' | 'gre' ;
sainfoParam : 'from' identifier | 'group' STRING ;
sainfoStmt  : kw='pfs_group' dhGroup ';'
            | kw='remoteid' NUMBER ';'
            | kw=('encryption_algorithm' | 'authentication_algorithm' | 'compression_algorithm')
                  algorithm (',' algorithm)* ';'
            | lifetime
            ;

// ---- shared pieces -------------------------------------------------------------------------
lifetime    : 'lifetime' ('time' NUMBER timeUnit | byteKw='byte' NUMBER byteUnit) ';' ;
timeUnit    : 'sec' | 'secs' | 'second' | 'seconds' | 'min' | 'mins' | 'minute' | 'minutes'
            | 'hour' | 'hours' ;
byteUnit    : 'B' | 'byte' | 'bytes' | 'KB' | 'MB' | 'TB' ;
port        : '[' (NUMBER | 'any') ']' ;
onOff       : 'on' | 'off' | 'yes' | 'no' ;   // yes/no: lexed by racoon, accepted by no rule
dhGroup     : NUMBER | 'modp768' | 'modp1024' | 'modp1536' | 'modp2048' | 'modp3072' | 'modp4096'
            | 'modp6144' | 'modp8192' ;
algorithm   : name=algorithmName NUMBER? ;
algorithmName
    : 'des' | '3des' | 'des_iv64' | 'des_iv32' | 'rc5' | 'rc4' | 'idea' | '3idea' | 'cast128'
    | 'blowfish' | 'null_enc' | 'twofish' | 'rijndael' | 'aes' | 'camellia'
    | 'md5' | 'sha1' | 'sha256' | 'sha2_256' | 'sha384' | 'sha2_384' | 'sha512' | 'sha2_512'
    | 'hmac_md5' | 'hmac_sha1' | 'hmac_sha256' | 'hmac_sha2_256' | 'hmac_sha384' | 'hmac_sha2_384'
    | 'hmac_sha512' | 'hmac_sha2_512' | 'non_auth'
    | 'deflate' | 'lzs' | 'oui'
    | 'pre_shared_key' | 'rsasig' | 'dsssig' | 'rsaenc' | 'rsarev' | 'gssapi_krb'
    | 'hybrid_rsa_server' | 'hybrid_rsa_client' | 'hybrid_dss_server' | 'hybrid_dss_client'
    | 'xauth_psk_server' | 'xauth_psk_client' | 'xauth_rsa_server' | 'xauth_rsa_client'
    | 'xauth_dss_server' | 'xauth_dss_client'
    ;

// ---- lexer ---------------------------------------------------------------------------------
STRING      : '"' ~'"'* '"' ;             // no escapes, may span lines (cftoken.l quotedstring)
UNTERMINATED_STRING : '"' ~'"'* ;         // only wins when no closing quote follows
HEXSTRING   : '0x' [0-9a-fA-F]+ ;
NUMBER      : [0-9]+ ;
// racoon's address pattern: literal v4/v6 only, optionally %scope; it also swallows words made of
// hex letters only ("add", "cafe"), which is harmless since no keyword is one.
ADDRESS     : [a-fA-F0-9:] [a-fA-F0-9:.]* ('%' [a-zA-Z0-9]+)? ;
WORD        : [a-zA-Z_] [a-zA-Z0-9_\-.@]* ;
COMMENT     : '#' ~[\n]* -> skip ;
WS          : [ \t\r\n\f]+ -> skip ;
BAD_CHAR    : . ;
