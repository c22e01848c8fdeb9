// The ceiling for ingest benchmarks: a bare Poco HTTPServer, configured like gatewayd's, that reads the
// body and answers 200 with a short body. Usage: gw_ceiling_server PORT THREADS
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

namespace {

class ReadAndAnswer : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    std::istream& in = request.stream();
    char buffer[16384];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    }
    static const std::string body = "<ACK>AA</ACK>";
    response.setContentType("application/xml");
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
  }
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new ReadAndAnswer;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: gw_ceiling_server PORT THREADS\n";
    return 2;
  }
  const int threads = std::atoi(argv[2]);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Poco::ThreadPool pool("ceiling", 2, threads + 2);
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(threads);
  params->setMaxQueued(64);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));  // gatewayd's defaults (server.keep_alive_seconds,
  params->setMaxKeepAliveRequests(100);               // server.max_keep_alive_requests)
  Poco::Net::HTTPServer server(new Factory, pool,
                               Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", std::atoi(argv[1])), 256),
                               params);
  server.start();
  int signal = 0;
  sigwait(&signals, &signal);
  server.stopAll(true);
  return 0;
}
