// XPathEvaluator.cpp: see XPathEvaluator.hpp.
#include "XPathEvaluator.hpp"

#include <gw/kit/LibXml2Handles.hpp>

#include <libxml/xpathInternals.h>

#include <stdexcept>

namespace gw::xmlmap {

namespace {

// libxml2 2.9 reports XPath errors with a code and the offending offset but no message text.
std::string xpathErrorText(const xmlError& error) {
  static const char* const messages[] = {
      "ok", "number encoding", "unfinished literal", "start of literal", "expected $ for variable reference",
      "undefined variable", "invalid predicate", "invalid expression", "missing closing curly brace",
      "unregistered function", "invalid operand", "invalid type", "invalid number of arguments",
      "invalid context size", "invalid context position", "memory allocation error", "syntax error",
      "resource error", "sub resource error", "undefined namespace prefix", "encoding error",
      "character out of XML range", "invalid or incomplete context", "stack usage error", "forbidden variable"};
  int index = error.code - XML_XPATH_EXPRESSION_OK;
  std::string text = index >= 0 && index < static_cast<int>(sizeof messages / sizeof messages[0])
                         ? messages[index]
                         : (error.message ? error.message : "XPath error");
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (error.domain == XML_FROM_XPATH && error.str1) text += " at character " + std::to_string(error.int1 + 1);
  return text;
}

void captureError(void* userData, xmlError* error) {
  auto* last = static_cast<std::string*>(userData);
  if (error && last->empty()) *last = xpathErrorText(*error);
}

std::string trimmed(const std::string& s) {
  const char* space = " \t\r\n";
  std::size_t a = s.find_first_not_of(space);
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(space) - a + 1);
}

XPathContextHandle newContext(xmlDoc* document, const std::map<std::string, std::string>& namespaces,
                              std::string* errors) {
  XPathContextHandle context(xmlXPathNewContext(document));
  if (!context) throw std::bad_alloc();
  context->error = captureError;
  context->userData = errors;
  for (const auto& [prefix, uri] : namespaces)
    xmlXPathRegisterNs(context.get(), reinterpret_cast<const xmlChar*>(prefix.c_str()),
                       reinterpret_cast<const xmlChar*>(uri.c_str()));
  return context;
}

}  // namespace

XPathEvaluator::XPathEvaluator(xmlDoc* document, const std::map<std::string, std::string>& namespaces)
    : context_(newContext(document, namespaces, &lastError_)) {}

XPathObjectHandle XPathEvaluator::evaluate(const std::string& expression, xmlNode* context) {
  lastError_.clear();
  context_->node = context;
  XPathObjectHandle result(xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expression.c_str()),
                                                  context_.get()));
  if (!result || !lastError_.empty())
    throw std::runtime_error("XPath '" + expression + "': " + (lastError_.empty() ? "evaluation failed" : lastError_));
  return result;
}

std::string XPathEvaluator::text(const std::string& expression, xmlNode* context) {
  XPathObjectHandle result = evaluate(expression, context);
  kit::XmlStringHandle value(xmlXPathCastToString(result.get()));
  return value ? trimmed(reinterpret_cast<const char*>(value.get())) : "";
}

bool XPathEvaluator::test(const std::string& expression, xmlNode* context) {
  XPathObjectHandle result = evaluate(expression, context);
  return xmlXPathCastToBoolean(result.get()) != 0;
}

std::vector<xmlNode*> XPathEvaluator::nodes(const std::string& expression, xmlNode* context) {
  XPathObjectHandle result = evaluate(expression, context);
  if (result->type != XPATH_NODESET)
    throw std::runtime_error("XPath '" + expression + "' does not select nodes");
  std::vector<xmlNode*> out;
  if (result->nodesetval)
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) out.push_back(result->nodesetval->nodeTab[i]);
  return out;
}

std::optional<std::string> XPathEvaluator::check(const std::string& expression,
                                                 const std::map<std::string, std::string>& namespaces,
                                                 bool nodeSet) {
  std::string errors;
  kit::XmlDocHandle empty(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")));
  xmlNode* root = xmlNewNode(nullptr, reinterpret_cast<const xmlChar*>("empty"));
  xmlDocSetRootElement(empty.get(), root);
  XPathContextHandle context = newContext(empty.get(), namespaces, &errors);
  XPathCompExprHandle compiled(xmlXPathCtxtCompile(context.get(), reinterpret_cast<const xmlChar*>(expression.c_str())));
  if (!compiled || !errors.empty()) return errors.empty() ? "not a valid XPath 1.0 expression" : errors;
  context->node = root;
  XPathObjectHandle result(xmlXPathCompiledEval(compiled.get(), context.get()));
  if (!result || !errors.empty()) return errors.empty() ? "cannot be evaluated" : errors;
  if (nodeSet && result->type != XPATH_NODESET) return std::string("must select elements (it computes a value)");
  return std::nullopt;
}

std::string nodeLocation(xmlNode* node) {
  // Local names with positions among same-named siblings: readable whatever the namespaces.
  std::string path;
  for (; node && node->type == XML_ELEMENT_NODE; node = node->parent) {
    int position = 0, count = 0;
    for (xmlNode* s = node->parent ? node->parent->children : node; s; s = s->next) {
      if (s->type != XML_ELEMENT_NODE || !xmlStrEqual(s->name, node->name)) continue;
      ++count;
      if (s == node) position = count;
    }
    std::string step = reinterpret_cast<const char*>(node->name);
    if (count > 1) step += "[" + std::to_string(position) + "]";
    path = "/" + step + path;
  }
  return path;
}

}  // namespace gw::xmlmap
