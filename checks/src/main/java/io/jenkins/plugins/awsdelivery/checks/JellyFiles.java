package io.jenkins.plugins.awsdelivery.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** Jelly views as XML: each must be well-formed (Stapler refuses it otherwise); {@code field=} names are collected. */
final class JellyFiles {
    private JellyFiles() {}

    /** A {@code field="name"} attribute and its line. */
    record Field(String name, int line) {}

    /** Reports every {@code .jelly} file below {@code resources} that is not well-formed XML. */
    static void checkWellFormed(Path resources, Problems problems) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(resources)) {
            files = walk.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        } catch (IOException e) {
            problems.add(resources, 0, "cannot be listed: " + e.getMessage());
            return;
        }
        for (Path file : files) {
            fields(file, problems);
        }
    }

    /** The {@code field} attributes of one Jelly file; empty (and a problem) when it is not well-formed. */
    static Optional<List<Field>> fields(Path file, Problems problems) {
        List<Field> fields = new ArrayList<>();
        DefaultHandler handler = new DefaultHandler() {
            private Locator locator;

            @Override
            public void setDocumentLocator(Locator locator) {
                this.locator = locator;
            }

            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                String field = attributes.getValue("field");
                if (field != null) {
                    fields.add(new Field(field, locator == null ? 0 : locator.getLineNumber()));
                }
            }
        };
        try {
            parser().parse(file.toFile(), handler);
            return Optional.of(fields);
        } catch (SAXParseException e) {
            problems.add(file, e.getLineNumber(), "is not well-formed XML: " + e.getMessage());
        } catch (SAXException | IOException e) {
            problems.add(file, 0, "cannot be read as XML: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static SAXParser parser() throws SAXException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newSAXParser();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
