package io.chatbackend.system.browser;

/**
 * The script {@link HeadlessChromium} installs in every document before the page's own scripts run.
 *
 * <p>Why: a browser test has to see what the chat page sends and receives over its WebSocket and which HTTP calls it
 * makes, and has to break the connection the way a network does, without any test hook in the page itself. Wrapping
 * {@code window.WebSocket} and {@code window.fetch} from outside does that while the page keeps working unchanged.
 *
 * <p>What the page gets is a subclass of the native WebSocket, so {@code WebSocket.OPEN}, {@code instanceof},
 * {@code binaryType}, {@code onmessage} and {@code addEventListener} behave as before. Records are kept in the
 * non-enumerable {@code window.__chatTest}: {@code sentFrames} and {@code receivedFrames} hold
 * {@code {at, data}} (data parsed as JSON if it parses, else the string; binary frames as a short description),
 * {@code fetches} hold {@code {method, url, at}}, {@code sockets} every socket the page made, {@code swallowed} the
 * frames kept from the page's {@code onmessage} while {@code swallowMessages} was above 0.
 */
final class PageInstrumentation {

    /** sessionStorage key: '1' while new sockets are to be refused. sessionStorage, so a reload keeps it. */
    static final String BLOCK_KEY = "__chatTest.wsBlocked";

    /**
     * Nothing listens on port 2 of the loopback, so a socket pointed there is refused at once. Not port 9 (discard):
     * that is on Chromium's list of restricted ports, where a WebSocket neither opens nor fails for seconds.
     */
    static final String REFUSED_URL = "ws://127.0.0.1:2/";

    static final String SCRIPT = """
            (() => {
              if (window.__chatTest) return;
              const records = { sentFrames: [], receivedFrames: [], fetches: [], sockets: [], swallowMessages: 0,
                                swallowed: [] };
              Object.defineProperty(window, '__chatTest', { value: records, enumerable: false, configurable: true });

              const decode = (data) => {
                if (typeof data !== 'string') {
                  const size = data && (data.byteLength !== undefined ? data.byteLength : data.size);
                  return '[binary ' + size + ' bytes]';
                }
                try { return JSON.parse(data); } catch (e) { return data; }
              };
              const blocked = () => {
                try { return window.sessionStorage.getItem('%1$s') === '1'; } catch (e) { return false; }
              };

              const NativeWebSocket = window.WebSocket;
              // named WebSocket so WebSocket.name and error messages look as the page expects
              const WebSocket = class WebSocket extends NativeWebSocket {
                #requestedUrl;
                constructor(url, protocols) {
                  const refused = blocked();
                  const target = refused ? '%2$s' : url;
                  if (protocols === undefined) { super(target); } else { super(target, protocols); }
                  // a page that reconnects to ws.url must reach the real server once unblocked
                  this.#requestedUrl = refused ? String(url) : null;
                  records.sockets.push(this);
                  this.addEventListener('message',
                      (event) => records.receivedFrames.push({ at: Date.now(), data: decode(event.data) }));
                }
                get url() { return this.#requestedUrl === null ? super.url : this.#requestedUrl; }
                // frames of type "message" the test wants lost never reach the page's onmessage, as if the server
                // had dropped them: the page sees the hole in sessionSeq
                set onmessage(handler) {
                  super.onmessage = typeof handler !== 'function' ? handler : (event) => {
                    const frame = decode(event.data);
                    if (records.swallowMessages > 0 && frame && frame.type === 'message') {
                      records.swallowMessages--;
                      records.swallowed.push({ at: Date.now(), data: frame });
                      return;
                    }
                    handler.call(this, event);
                  };
                }
                get onmessage() { return super.onmessage; }
                send(data) {
                  records.sentFrames.push({ at: Date.now(), data: decode(data) });
                  return super.send(data);
                }
              };
              Object.defineProperty(window, 'WebSocket',
                  { value: WebSocket, writable: true, configurable: true, enumerable: false });

              const nativeFetch = window.fetch;
              const fetch = function fetch(input, init) {
                try {
                  const request = input instanceof Request ? input : null;
                  const method = (init && init.method) || (request ? request.method : 'GET');
                  const url = request ? request.url : new URL(String(input), document.baseURI).href;
                  records.fetches.push({ method: String(method).toUpperCase(), url: url, at: Date.now() });
                } catch (e) {
                  // recording must never change what the page's fetch does
                }
                return nativeFetch.apply(window, arguments);
              };
              Object.defineProperty(window, 'fetch',
                  { value: fetch, writable: true, configurable: true, enumerable: true });
            })();
            """.formatted(BLOCK_KEY, REFUSED_URL);

    /** Closes every socket the page has open from the client side: the page sees a lost connection (4000). */
    static final String DROP_SOCKETS = """
            const records = window.__chatTest;
            if (!records) return 0;
            let dropped = 0;
            for (const socket of records.sockets) {
              if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) {
                socket.close(4000, 'dropped by test');
                dropped++;
              }
            }
            records.sockets = records.sockets.filter((socket) => socket.readyState !== WebSocket.CLOSED);
            return dropped;
            """;

    private PageInstrumentation() {
    }
}
