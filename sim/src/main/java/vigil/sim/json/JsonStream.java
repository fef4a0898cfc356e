package vigil.sim.json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON object whose one large member is an array (a scenario's {@code steps}) without holding the file or its
 * whole tree in memory: {@link #header} gives every other member as a tree and checks the whole text is JSON;
 * {@link #forEachElement} then reads the array's elements one at a time. Each pass reads the source afresh. Errors
 * are one-line {@link InvalidInput}s, as {@link JsonFiles} gives.
 */
public final class JsonStream {
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Where the text comes from; opened once per pass. */
    public interface Source {
        Reader open() throws IOException;

        /** A file, read as strict UTF-8 (a byte-order mark some editors write is skipped). */
        static Source of(Path file) {
            return () -> {
                if (Files.isDirectory(file)) {
                    throw InvalidInput.ofFile(file, "is a folder, not a file");
                }
                try {
                    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT);
                    return withoutBom(new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder),
                            1 << 16));
                } catch (NoSuchFileException e) {
                    throw InvalidInput.ofFile(file, "no such file");
                } catch (AccessDeniedException e) {
                    throw InvalidInput.ofFile(file, "cannot be read (permission denied)");
                }
            };
        }

        static Source of(String text) {
            return () -> withoutBom(new BufferedReader(new StringReader(text)));
        }
    }

    private static Reader withoutBom(BufferedReader r) throws IOException {
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
        return r;
    }

    /** The root object's members but {@code arrayName}; that one, when it is an array, is only skipped over. */
    public record Header(ObjectNode members, boolean hasArray) {}

    private JsonStream() {}

    /** {@code what} names the object in messages ({@code scenario}). */
    public static Header header(Source source, String what, String arrayName) {
        return read(source, p -> {
            ObjectNode members = JsonNodeFactory.instance.objectNode();
            boolean hasArray = false;
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidInput("not valid JSON: the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren();
                throw new InvalidInput(what + ": must be a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(arrayName) && value == JsonToken.START_ARRAY) {
                    hasArray = true;
                    p.skipChildren();
                } else {
                    members.set(name, p.readValueAsTree());
                }
            }
            if (p.nextToken() != null) {
                throw new InvalidInput("not valid JSON: more than one JSON value in the file");
            }
            return new Header(members, hasArray);
        });
    }

    /** Hands each element of the root's array {@code arrayName} to {@code each}, in order. */
    public static void forEachElement(Source source, String arrayName, Consumer<JsonNode> each) {
        read(source, p -> {
            p.nextToken();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(arrayName) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        each.accept(p.readValueAsTree());
                    }
                    return null;
                }
                p.skipChildren();
            }
            return null;
        });
    }

    private interface Pass<T> {
        T run(JsonParser p);
    }

    private static <T> T read(Source source, Pass<T> pass) {
        try (Reader in = source.open(); JsonParser p = JSON.createParser(in)) {
            return pass.run(p);
        } catch (StreamConstraintsException e) {
            throw new InvalidInput("not valid JSON: nested too deeply, or a value too long" + JsonFiles.where(e));
        } catch (JacksonIOException e) {
            throw unreadable(e.getCause());
        } catch (JacksonException e) {
            throw new InvalidInput("not valid JSON: " + JsonFiles.plain(e) + JsonFiles.where(e));
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        } catch (IOException e) {
            throw unreadable(e);
        } catch (OutOfMemoryError e) {
            throw new InvalidInput("is too large to read into memory");
        }
    }

    private static InvalidInput unreadable(Throwable e) {
        if (e instanceof CharacterCodingException) {
            return new InvalidInput("is not UTF-8 text");
        }
        return new InvalidInput("cannot be read (" + (e == null ? "unknown error" : e.getMessage()) + ")");
    }
}
