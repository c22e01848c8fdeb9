// HardenedXml: one libxml2 parse per call, with SAX hooks that stop the parser at the first construct
// the gateway refuses (before any entity is expanded) and errors captured per call, never printed.
#include "gw/kit/HardenedXml.hpp"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <cstdio>
#include <exception>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "gw/kit/DenyAllEntityLoader.hpp"
#include "gw/kit/LibXml2Handles.hpp"
#include "gw/kit/MarkupCountScan.hpp"

namespace gw::kit {
namespace {

// Never NOENT (substitute entities), DTDLOAD/DTDATTR/DTDVALID (read a DTD) or HUGE (lift libxml2's
// own depth and text limits). NONET also makes libxml2 refuse network URLs before any loader runs.
// NODICT: text nodes of up to 3 bytes are not interned in libxml2's dictionary (whose lookups grow
// linearly with distinct entries); names still are, and are counted (XmlLimits::maxDistinctNames).
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NODICT;

std::string text(const xmlChar* s) { return s != nullptr ? reinterpret_cast<const char*>(s) : ""; }

// libxml2 messages end with a newline and sometimes hold one in the middle ("...!\nBytes: 0xC3").
std::string oneLine(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  for (char& c : message) {
    if (c == '\n') c = ' ';
  }
  return message;
}

std::string atLineColumn(int line, int column) {
  return "line " + std::to_string(line) + (column > 0 ? " column " + std::to_string(column) : "");
}

bool isXmlBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool isBlank(std::string_view bytes) {
  for (char c : bytes) {
    if (!isXmlBlank(c)) return false;
  }
  return true;
}

// The first bytes of a non-XML body, quoted so an engineer recognises it ("MSH|^~\&|...").
std::string quotedStart(std::string_view bytes) {
  std::string out = "\"";
  for (std::size_t i = 0; i < bytes.size() && i < 16; ++i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f && c != '"') {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  return out + (bytes.size() > 16 ? "...\"" : "\"");
}

struct CapturedError {
  int code = 0;
  std::string message;
  std::string str1;  // the entity name, for undeclared-entity errors
  int line = 0;
  int column = 0;
};

// State of one parse, reached from the SAX callbacks through ctxt->_private.
struct ParseSession {
  ParseSession(std::string_view input, const XmlLimits& parseLimits) : bytes(input), limits(parseLimits) {}

  std::string_view bytes;
  const XmlLimits& limits;
  int depth = 0;
  std::size_t elements = 0;
  // libxml2 hands names out of its dictionary: one pointer per distinct name.
  std::set<std::pair<const xmlChar*, const xmlChar*>> names;  // (prefix, local name)
  int internalSubsetLine = 0;
  std::optional<XmlRejection> rejection;         // set by our hooks; wins over anything libxml2 says
  std::optional<CapturedError> firstFatal;       // the first well-formedness error
  std::optional<CapturedError> firstError;       // the first error of any other kind
  std::optional<CapturedError> undeclaredEntity; // even when libxml2 only warns (external DTD present)
  std::exception_ptr failure;                    // thrown in a hook (bad_alloc); rethrown after cleanup

  // Copies only the errors that are kept: an error's str1 can hold all the text read so far.
  void record(const xmlError& error) {
    auto captured = [&] {
      return CapturedError{error.code, oneLine(text(reinterpret_cast<const xmlChar*>(error.message))),
                           text(reinterpret_cast<const xmlChar*>(error.str1)), error.line, error.int2};
    };
    if (isUndeclaredEntity(error) && !undeclaredEntity) undeclaredEntity = captured();
    if (error.level == XML_ERR_FATAL && !firstFatal) {
      firstFatal = captured();
    } else if (error.level == XML_ERR_ERROR && !firstError) {
      firstError = captured();
    }
  }

  static bool isUndeclaredEntity(const xmlError& error) {
    return error.code == XML_ERR_UNDECLARED_ENTITY || error.code == XML_WAR_UNDECLARED_ENTITY;
  }
};

xmlParserCtxtPtr parserOf(void* ctx) { return static_cast<xmlParserCtxtPtr>(ctx); }
ParseSession& sessionOf(void* ctx) { return *static_cast<ParseSession*>(parserOf(ctx)->_private); }

// Records the first refusal and stops the parser: nothing after this point is read.
// `line` overrides the parser's position when the problem started earlier (a DOCTYPE's first line).
void refuse(void* ctx, XmlRejectionKind kind, std::string reason, int line = 0) {
  ParseSession& session = sessionOf(ctx);
  if (!session.rejection) {
    session.rejection = line > 0 ? XmlRejection{kind, std::move(reason), line, 0}
                                 : XmlRejection{kind, std::move(reason), xmlSAX2GetLineNumber(ctx),
                                                xmlSAX2GetColumnNumber(ctx)};
  }
  xmlStopParser(parserOf(ctx));
}

// After an error that makes the document refused. libxml2 2.9 goes on past a fatal error and raises
// each later one with a copy of the text read so far (Double hyphen within comment, 150,000 times in
// 600 KB of "<!--"): quadratic. xmlStopParser would free the input under the libxml2 function that is
// raising the error; what its loops check to end early is instate, and with disableSAX it also makes
// libxml2 raise no further error.
void stopAfterError(xmlParserCtxtPtr ctxt) {
  ctxt->instate = XML_PARSER_EOF;
  ctxt->disableSAX = 1;
}

// --- SAX hooks -----------------------------------------------------------------------------------
// libxml2 is C: no exception may unwind through it. A hook that throws stops the parse instead, and
// parse() rethrows once every handle is freed.

template <typename Body>
void guarded(void* ctx, Body&& body) noexcept {
  try {
    body();
  } catch (...) {
    ParseSession& session = sessionOf(ctx);
    if (!session.failure) session.failure = std::current_exception();
    xmlStopParser(parserOf(ctx));
  }
}

// Called once the DOCTYPE's name and external id are read; an internal subset, if any, starts at
// the next character. A DOCTYPE that only names an external DTD is recorded and never loaded.
void onDoctype(void* ctx, const xmlChar* name, const xmlChar* publicId, const xmlChar* systemId) noexcept {
  const xmlParserCtxtPtr ctxt = parserOf(ctx);
  if (ctxt->input != nullptr && ctxt->input->cur != nullptr && *ctxt->input->cur == '[') {
    sessionOf(ctx).internalSubsetLine = xmlSAX2GetLineNumber(ctx);
  }
  xmlSAX2InternalSubset(ctx, name, publicId, systemId);
}

// Called after the whole DOCTYPE. libxml2's own handler would load the external DTD here when asked
// to; ours never does. An internal subset that declared no entity (only ELEMENT/ATTLIST, say) is
// refused here, before the first element is read.
void onDoctypeEnd(void* ctx, const xmlChar* /*name*/, const xmlChar* /*publicId*/,
                  const xmlChar* /*systemId*/) noexcept {
  guarded(ctx, [&] {
    const int line = sessionOf(ctx).internalSubsetLine;
    if (line > 0) {
      refuse(ctx, XmlRejectionKind::dtdInternalSubset,
             "DOCTYPE with an internal subset is not allowed (line " + std::to_string(line) + ")", line);
    }
  });
}

std::string externalId(const xmlChar* publicId, const xmlChar* systemId) {
  if (publicId != nullptr) return "PUBLIC \"" + text(publicId) + "\" \"" + text(systemId) + "\"";
  return "SYSTEM \"" + text(systemId) + "\"";
}

// Called when a declaration is complete, before any reference to it: entity values are never
// expanded, so billion laughs and quadratic blowup stop at their first declaration.
void onEntityDecl(void* ctx, const xmlChar* name, int type, const xmlChar* publicId, const xmlChar* systemId,
                  xmlChar* /*content*/) noexcept {
  // Stop first: whatever happens below, the declaration is never used.
  xmlStopParser(parserOf(ctx));
  guarded(ctx, [&] {
    const bool parameter = type == XML_INTERNAL_PARAMETER_ENTITY || type == XML_EXTERNAL_PARAMETER_ENTITY;
    const std::string quotedName = "'" + std::string(parameter ? "%" : "") + text(name) + "'";
    const std::string line = " (line " + std::to_string(xmlSAX2GetLineNumber(ctx)) + ")";
    if (publicId != nullptr || systemId != nullptr) {
      refuse(ctx, XmlRejectionKind::externalEntity,
             "external entity " + quotedName + " (" + externalId(publicId, systemId) +
                 ") is not allowed: the gateway never reads files or URLs named in a document" + line);
    } else {
      refuse(ctx, XmlRejectionKind::entityDeclaration,
             std::string(parameter ? "parameter " : "") + "entity declaration " + quotedName +
                 " is not allowed: entities can expand into huge or endless text" + line);
    }
  });
}

void onUnparsedEntityDecl(void* ctx, const xmlChar* name, const xmlChar* publicId, const xmlChar* systemId,
                          const xmlChar* /*notation*/) noexcept {
  onEntityDecl(ctx, name, XML_EXTERNAL_GENERAL_UNPARSED_ENTITY, publicId, systemId, nullptr);
}

// Per-parse twin of the deny-all loader, should anything in libxml2 still ask to resolve an entity.
xmlParserInputPtr onResolveEntity(void* /*ctx*/, const xmlChar* /*publicId*/, const xmlChar* /*systemId*/) noexcept {
  return nullptr;
}

std::string elementName(const xmlChar* prefix, const xmlChar* localname) {
  return "<" + (prefix != nullptr ? text(prefix) + ":" : "") + text(localname) + ">";
}

// "(element <name> at line L, column C)", for refusals raised on an element's start.
std::string atElement(void* ctx, const xmlChar* prefix, const xmlChar* localname) {
  return "(element " + elementName(prefix, localname) + " at " +
         atLineColumn(xmlSAX2GetLineNumber(ctx), xmlSAX2GetColumnNumber(ctx)) + ")";
}

// Returns false when the element is refused (and the parser stopped).
bool elementWithinLimits(void* ctx, const xmlChar* localname, const xmlChar* prefix, int nbAttributes,
                         const xmlChar** attributes) {
  ParseSession& session = sessionOf(ctx);
  if (++session.elements > session.limits.maxElements) {
    refuse(ctx, XmlRejectionKind::tooManyElements,
           "document has more than " + std::to_string(session.limits.maxElements) + " elements " +
               atElement(ctx, prefix, localname));
    return false;
  }
  if (static_cast<std::size_t>(nbAttributes) > session.limits.maxAttributesPerElement) {
    refuse(ctx, XmlRejectionKind::tooManyAttributes,
           elementName(prefix, localname) + " has more than " + std::to_string(session.limits.maxAttributesPerElement) +
               " attributes (line " + std::to_string(xmlSAX2GetLineNumber(ctx)) + ")");
    return false;
  }
  session.names.emplace(prefix, localname);
  for (int i = 0; i < nbAttributes; ++i) session.names.emplace(attributes[5 * i + 1], attributes[5 * i]);
  if (session.names.size() > session.limits.maxDistinctNames) {
    refuse(ctx, XmlRejectionKind::tooManyNames,
           "document uses more than " + std::to_string(session.limits.maxDistinctNames) +
               " distinct element and attribute names " + atElement(ctx, prefix, localname));
    return false;
  }
  if (++session.depth > session.limits.maxDepth) {
    refuse(ctx, XmlRejectionKind::tooDeep,
           "document nesting deeper than " + std::to_string(session.limits.maxDepth) + " levels " +
               atElement(ctx, prefix, localname));
    return false;
  }
  // Five pointers per attribute: local name, prefix, URI, value start, value end.
  for (int i = 0; i < nbAttributes; ++i) {
    const xmlChar* const* attribute = attributes + 5 * i;
    const auto length = static_cast<std::size_t>(attribute[4] - attribute[3]);
    if (length > session.limits.maxAttributeBytes) {
      refuse(ctx, XmlRejectionKind::attributeTooLarge,
             "attribute '" + text(attribute[0]) + "' of " + elementName(prefix, localname) + " is " +
                 std::to_string(length) + " bytes long, over the limit of " +
                 std::to_string(session.limits.maxAttributeBytes) + " bytes (line " +
                 std::to_string(xmlSAX2GetLineNumber(ctx)) + ")");
      return false;
    }
  }
  return true;
}

void onStartElement(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri,
                    int nbNamespaces, const xmlChar** namespaces, int nbAttributes, int nbDefaulted,
                    const xmlChar** attributes) noexcept {
  bool withinLimits = false;
  guarded(ctx, [&] { withinLimits = elementWithinLimits(ctx, localname, prefix, nbAttributes, attributes); });
  if (withinLimits) {
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nbNamespaces, namespaces, nbAttributes, nbDefaulted,
                          attributes);
  }
}

void onEndElement(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri) noexcept {
  --sessionOf(ctx).depth;
  xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

void onProcessingInstruction(void* ctx, const xmlChar* target, const xmlChar* data) noexcept {
  bool withinLimits = false;
  guarded(ctx, [&] {
    ParseSession& session = sessionOf(ctx);
    session.names.emplace(nullptr, target);
    withinLimits = session.names.size() <= session.limits.maxDistinctNames;
    if (!withinLimits) {
      refuse(ctx, XmlRejectionKind::tooManyNames,
             "document uses more than " + std::to_string(session.limits.maxDistinctNames) +
                 " distinct names (processing instruction <?" + text(target) + "?> at line " +
                 std::to_string(xmlSAX2GetLineNumber(ctx)) + ")");
    }
  });
  if (withinLimits) xmlSAX2ProcessingInstruction(ctx, target, data);
}

void onParserError(void* ctx, xmlErrorPtr error) noexcept {
  if (error == nullptr) return;
  guarded(ctx, [&] { sessionOf(ctx).record(*error); });
  if (error->level == XML_ERR_FATAL || ParseSession::isUndeclaredEntity(*error)) stopAfterError(parserOf(ctx));
}

void onThreadError(void* context, xmlErrorPtr error) noexcept {
  auto& session = *static_cast<ParseSession*>(context);
  try {
    if (error != nullptr) session.record(*error);
  } catch (...) {
    if (!session.failure) session.failure = std::current_exception();
  }
}

void ignoreGenericError(void* /*ctx*/, const char* /*format*/, ...) {}

void installHooks(xmlSAXHandler& sax) {
  sax.internalSubset = onDoctype;
  sax.externalSubset = onDoctypeEnd;
  sax.entityDecl = onEntityDecl;
  sax.unparsedEntityDecl = onUnparsedEntityDecl;
  sax.resolveEntity = onResolveEntity;
  sax.startElementNs = onStartElement;
  sax.endElementNs = onEndElement;
  sax.processingInstruction = onProcessingInstruction;
  sax.serror = onParserError;
}

// Errors libxml2 raises without the parser context (encoding conversion, I/O) go to the calling
// thread's handlers; libxml2 built with threads (Debian's is) keeps those per thread. Redirect them
// into this parse for its duration, and restore whatever the thread had.
class ThreadErrorRedirect {
 public:
  explicit ThreadErrorRedirect(ParseSession& session)
      : structured_(xmlStructuredError),
        structuredContext_(xmlStructuredErrorContext),
        generic_(xmlGenericError),
        genericContext_(xmlGenericErrorContext) {
    xmlSetStructuredErrorFunc(&session, onThreadError);
    xmlSetGenericErrorFunc(nullptr, ignoreGenericError);
  }
  ~ThreadErrorRedirect() {
    xmlSetStructuredErrorFunc(structuredContext_, structured_);
    xmlSetGenericErrorFunc(genericContext_, generic_);
  }
  ThreadErrorRedirect(const ThreadErrorRedirect&) = delete;
  ThreadErrorRedirect& operator=(const ThreadErrorRedirect&) = delete;

 private:
  xmlStructuredErrorFunc structured_;
  void* structuredContext_;
  xmlGenericErrorFunc generic_;
  void* genericContext_;
};

// --- libxml2 errors to rejections ----------------------------------------------------------------

bool isEncodingError(const CapturedError& error) {
  return error.message.find("not proper UTF-8") != std::string::npos || error.code == XML_ERR_INVALID_ENCODING ||
         error.code == XML_ERR_UNSUPPORTED_ENCODING || error.code == XML_ERR_UNKNOWN_ENCODING ||
         (error.code >= XML_I18N_NO_NAME && error.code <= XML_I18N_NO_OUTPUT);
}

XmlRejection rejectionFor(const CapturedError& error, const ParseSession& session,
                          const std::string& declaredEncoding) {
  const std::string where = atLineColumn(error.line, error.column);
  if (error.code == XML_ERR_DOCUMENT_EMPTY) {
    // "Start tag expected, '<' not found": blank input never gets here (checked before parsing).
    return {XmlRejectionKind::notXml,
            "not an XML document: it does not start with '<' (it starts with " + quotedStart(session.bytes) + ")",
            error.line, error.column};
  }
  if (error.code == XML_ERR_UNDECLARED_ENTITY || error.code == XML_WAR_UNDECLARED_ENTITY) {
    return {XmlRejectionKind::entityReference,
            "reference to undeclared entity '&" + error.str1 + ";' at " + where +
                " is not allowed: only &amp; &lt; &gt; &quot; &apos; and character references are",
            error.line, error.column};
  }
  if (error.message.find("Excessive depth") != std::string::npos) {
    return {XmlRejectionKind::tooDeep,
            "document nesting deeper than " + std::to_string(xmlParserMaxDepth) + " levels (libxml2's own limit, at " +
                where + ")",
            error.line, error.column};
  }
  if (isEncodingError(error)) {
    std::string reason;
    if (error.message.find("not proper UTF-8") != std::string::npos) {
      reason = "invalid UTF-8 at " + where;
    } else {
      // Conversion from a declared encoding runs ahead of the parser, so it has no position.
      reason = "invalid or unsupported encoding" + (declaredEncoding.empty() ? "" : " '" + declaredEncoding + "'") +
               (error.line > 0 ? " at " + where : "");
    }
    return {XmlRejectionKind::invalidEncoding, reason + " (" + error.message + ")", error.line, error.column};
  }
  if (session.internalSubsetLine > 0) {
    // Our hooks refuse every internal subset that libxml2 manages to read; this one it could not.
    return {XmlRejectionKind::dtdInternalSubset,
            "DOCTYPE with an internal subset is not allowed (line " + std::to_string(session.internalSubsetLine) +
                "), and this one is malformed at " + where + ": " + error.message,
            session.internalSubsetLine, 0};
  }
  return {XmlRejectionKind::malformed, "malformed XML at " + where + ": " + error.message, error.line, error.column};
}

}  // namespace

XmlParseResult HardenedXml::parse(std::string_view bytes, const XmlLimits& limits) {
  installDenyAllEntityLoader();
  if (bytes.size() > limits.maxBytes || bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return XmlParseResult(XmlRejection{XmlRejectionKind::tooLarge,
                                       "document is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                                           std::to_string(limits.maxBytes) + " bytes",
                                       0, 0});
  }
  if (isBlank(bytes)) return XmlParseResult(XmlRejection{XmlRejectionKind::empty, "document is empty", 0, 0});
  if (auto refused = scanMarkupCounts(bytes, limits)) return XmlParseResult(std::move(*refused));

  ParseSession session(bytes, limits);
  ThreadErrorRedirect redirect(session);
  XmlParserCtxtHandle ctxt(xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size())));
  if (!ctxt) throw std::bad_alloc();
  ctxt->_private = &session;
  installHooks(*ctxt->sax);
  xmlCtxtUseOptions(ctxt.get(), kParseOptions);
  // New contexts copy these from per-thread defaults (xmlSubstituteEntitiesDefault, ...) that any
  // other code in the thread may have changed; the options above only ever switch them on.
  ctxt->replaceEntities = 0;
  ctxt->loadsubset = 0;
  ctxt->validate = 0;

  xmlParseDocument(ctxt.get());
  XmlDocHandle doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  if (session.failure) std::rethrow_exception(session.failure);

  if (session.rejection) return XmlParseResult(std::move(*session.rejection));
  const std::string declaredEncoding =
      ctxt->encoding != nullptr ? text(ctxt->encoding) : ctxt->input != nullptr ? text(ctxt->input->encoding) : "";
  if (session.undeclaredEntity) {
    return XmlParseResult(rejectionFor(*session.undeclaredEntity, session, declaredEncoding));
  }
  if (!ctxt->wellFormed || !doc || xmlDocGetRootElement(doc.get()) == nullptr) {
    if (session.firstFatal) return XmlParseResult(rejectionFor(*session.firstFatal, session, declaredEncoding));
    if (session.firstError) return XmlParseResult(rejectionFor(*session.firstError, session, declaredEncoding));
    return XmlParseResult(XmlRejection{XmlRejectionKind::malformed, "malformed XML (libxml2 gave no reason)", 0, 0});
  }
  return XmlParseResult(XmlDocument(std::move(doc)));
}

}  // namespace gw::kit
