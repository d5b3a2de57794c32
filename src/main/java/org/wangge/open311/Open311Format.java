package org.wangge.open311;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * GeoReport v2's two formats: JSON (arrays of objects) and XML (the spec's required one: a root
 * element around one element per item, lists inside as a plural element around singular ones).
 */
final class Open311Format {

    static final String JSON = "json";
    /** Characters XML 1.0 cannot carry (texts stored before inputs were checked for them): shown as U+FFFD. */
    private static final java.util.regex.Pattern XML_REFUSED = java.util.regex.Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]");
    static final String XML = "xml";

    private Open311Format() {
    }

    static boolean known(String format) {
        return JSON.equals(format) || XML.equals(format);
    }

    /** A list answer: {@code root} and {@code item} name the XML elements. */
    static Response list(String format, int status, String root, String item, List<? extends Map<String, ?>> items) {
        if (XML.equals(format)) {
            return Response.status(status).type(MediaType.APPLICATION_XML_TYPE.withCharset("utf-8")).entity(xml(root, item, items)).build();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).entity(items).build();
    }

    /** One object (a service definition): a JSON object, or the XML element {@code root} around its fields. */
    static Response object(String format, String root, Map<String, ?> fields) {
        if (XML.equals(format)) {
            try {
                StringWriter out = new StringWriter();
                XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
                w.writeStartDocument("utf-8", "1.0");
                element(w, root, fields);
                w.writeEndDocument();
                w.close();
                return Response.ok(out.toString(), MediaType.APPLICATION_XML_TYPE.withCharset("utf-8")).build();
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        }
        return Response.ok(fields, MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).build();
    }

    /** The spec's error answer: [{code, description}] with the HTTP status as the code. */
    static Response error(String format, int status, String description) {
        return list(known(format) ? format : JSON, status, "errors", "error",
                List.of(Map.of("code", status, "description", description)));
    }

    private static String xml(String root, String item, List<? extends Map<String, ?>> items) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("utf-8", "1.0");
            w.writeStartElement(root);
            for (Map<String, ?> i : items) {
                element(w, item, i);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void element(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        w.writeStartElement(name);
        if (value instanceof Map<?, ?> fields) {
            for (Map.Entry<?, ?> f : fields.entrySet()) {
                element(w, (String) f.getKey(), f.getValue());
            }
        } else if (value instanceof List<?> list) {
            String singular = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
            for (Object v : list) {
                element(w, singular, v);
            }
        } else if (value != null) {
            w.writeCharacters(XML_REFUSED.matcher(value.toString()).replaceAll("\uFFFD"));
        }
        w.writeEndElement();
    }
}
