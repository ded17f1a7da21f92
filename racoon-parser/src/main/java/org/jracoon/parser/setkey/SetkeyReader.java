package org.jracoon.parser.setkey;

import java.util.ArrayList;
import java.util.List;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Reads setkey(8) input ({@code setkey -c} / {@code -f}). Like setkey, it reads one directive at a
 * time and hands it on before reading the next, so a script runs up to its first bad line; the
 * error is reported as setkey reports it ({@code line N: message at [token]}). Reading stops at
 * the end of the input or at {@code exit} ({@code quit}, {@code bye}).
 */
public final class SetkeyReader {
    private final ProtocolNames protocols;

    /** Receives each directive as soon as it is read; throwing stops the reading. */
    @FunctionalInterface
    public interface DirectiveHandler<E extends Exception> {
        void accept(Directive directive) throws E;
    }

    public SetkeyReader(ProtocolNames protocols) {
        this.protocols = protocols;
    }

    /** A reader using the machine's /etc/protocols for upper-layer protocol names. */
    public static SetkeyReader withSystemProtocols() {
        return new SetkeyReader(ProtocolNames.system());
    }

    /** Reads the whole input; fails on its first error without returning any directive. */
    public SetkeyScript read(String input) throws SetkeySyntaxException {
        List<Directive> directives = new ArrayList<>();
        read(input, directives::add);
        return new SetkeyScript(directives);
    }

    /** Reads the input directive by directive, giving each to {@code handler} before reading on. */
    public <E extends Exception> void read(String input, DirectiveHandler<E> handler)
            throws SetkeySyntaxException, E {
        SetkeyLexer lexer = new SetkeyLexer(CharStreams.fromString(input));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        SetkeyGrammar parser = new SetkeyGrammar(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new FirstErrorListener());
        SetkeyModelBuilder builder = new SetkeyModelBuilder(tokens, protocols);
        while (tokens.LA(1) != Token.EOF) {
            SetkeyGrammar.CommandContext command;
            try {
                command = parser.command();
            } catch (ParseCancellationException e) {
                throw (SetkeySyntaxException) e.getCause();
            }
            if (command instanceof SetkeyGrammar.ExitCommandContext) {
                return;
            }
            handler.accept(builder.directive(command));
        }
    }

    /** Stops at the first syntax error, as setkey's yacc parser does. */
    private static final class FirstErrorListener extends BaseErrorListener {
        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                                String msg, RecognitionException e) {
            String near = offendingSymbol instanceof Token t && t.getType() != Token.EOF ? t.getText() : "";
            throw new ParseCancellationException(new SetkeySyntaxException(line, "syntax error", near));
        }
    }
}
