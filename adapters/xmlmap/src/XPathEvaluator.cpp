// XPathEvaluator.cpp: see XPathEvaluator.hpp.
#include "XPathEvaluator.hpp"

#include <gw/kit/LibXml2Handles.hpp>

#include <libxml/xpathInternals.h>

#include <stdexcept>

namespace gw::xmlmap {

namespace {

// libxml2 2.9 reports XPath errors with a code and the offending offset but no message text.
XPathProblem problemOf(const xmlError& error) {
  static const char* const messages[] = {
      "ok", "number encoding", "unfinished literal", "start of literal", "expected $ for variable reference",
      "undefined variable", "invalid predicate", "invalid expression", "missing closing curly brace",
      "unregistered function", "invalid operand", "invalid type", "invalid number of arguments",
      "invalid context size", "invalid context position", "memory allocation error", "syntax error",
      "resource error", "sub resource error", "undefined namespace prefix", "encoding error",
      "character out of XML range", "invalid or incomplete context", "stack usage error", "forbidden variable"};
  int index = error.code - XML_XPATH_EXPRESSION_OK;
  XPathProblem problem;
  problem.what = index >= 0 && index < static_cast<int>(sizeof messages / sizeof messages[0])
                     ? messages[index]
                     : (error.message ? error.message : "XPath error");
  while (!problem.what.empty() && (problem.what.back() == '\n' || problem.what.back() == ' ')) problem.what.pop_back();
  if (error.domain == XML_FROM_XPATH && error.str1) problem.offset = error.int1;
  return problem;
}

void captureError(void* userData, xmlError* error) {
  auto* last = static_cast<XPathProblem*>(userData);
  if (error && last->what.empty()) *last = problemOf(*error);
}

std::string trimmed(const std::string& s) {
  const char* space = " \t\r\n";
  std::size_t a = s.find_first_not_of(space);
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(space) - a + 1);
}

XPathContextHandle newContext(xmlDoc* document, const std::map<std::string, std::string>& namespaces,
                              XPathProblem* errors) {
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

std::string XPathProblem::describe(const XPathText& xpath) const {
  if (offset < 0) return what;
  return what + " at character " + std::to_string(xpath.writtenCharacter(static_cast<std::size_t>(offset)));
}

XPathEvaluator::XPathEvaluator(xmlDoc* document, const std::map<std::string, std::string>& namespaces)
    : context_(newContext(document, namespaces, &lastError_)) {}

XPathObjectHandle XPathEvaluator::evaluate(const XPathText& xpath, xmlNode* context) {
  lastError_ = {};
  context_->node = context;
  XPathObjectHandle result(xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.expression.c_str()),
                                                  context_.get()));
  if (!result || !lastError_.what.empty())
    throw std::runtime_error("XPath '" + xpath.written + "': " +
                             (lastError_.what.empty() ? "evaluation failed" : lastError_.describe(xpath)));
  return result;
}

std::string XPathEvaluator::text(const XPathText& xpath, xmlNode* context) {
  XPathObjectHandle result = evaluate(xpath, context);
  kit::XmlStringHandle value(xmlXPathCastToString(result.get()));
  return value ? trimmed(reinterpret_cast<const char*>(value.get())) : "";
}

bool XPathEvaluator::test(const XPathText& xpath, xmlNode* context) {
  XPathObjectHandle result = evaluate(xpath, context);
  return xmlXPathCastToBoolean(result.get()) != 0;
}

std::vector<xmlNode*> XPathEvaluator::nodes(const XPathText& xpath, xmlNode* context) {
  XPathObjectHandle result = evaluate(xpath, context);
  if (result->type != XPATH_NODESET)
    throw std::runtime_error("XPath '" + xpath.written + "' does not select nodes");
  std::vector<xmlNode*> out;
  if (result->nodesetval)
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) out.push_back(result->nodesetval->nodeTab[i]);
  return out;
}

std::optional<std::string> XPathEvaluator::check(const XPathText& xpath,
                                                 const std::map<std::string, std::string>& namespaces,
                                                 bool nodeSet) {
  XPathProblem errors;
  kit::XmlDocHandle empty(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")));
  xmlNode* root = xmlNewNode(nullptr, reinterpret_cast<const xmlChar*>("empty"));
  xmlDocSetRootElement(empty.get(), root);
  XPathContextHandle context = newContext(empty.get(), namespaces, &errors);
  XPathCompExprHandle compiled(
      xmlXPathCtxtCompile(context.get(), reinterpret_cast<const xmlChar*>(xpath.expression.c_str())));
  if (!compiled || !errors.what.empty())
    return errors.what.empty() ? "not a valid XPath 1.0 expression" : errors.describe(xpath);
  context->node = root;
  XPathObjectHandle result(xmlXPathCompiledEval(compiled.get(), context.get()));
  if (!result || !errors.what.empty()) return errors.what.empty() ? "cannot be evaluated" : errors.describe(xpath);
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
