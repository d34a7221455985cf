(() => {
  var __create = Object.create;
  var __defProp = Object.defineProperty;
  var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
  var __getOwnPropNames = Object.getOwnPropertyNames;
  var __getProtoOf = Object.getPrototypeOf;
  var __hasOwnProp = Object.prototype.hasOwnProperty;
  var __commonJS = (cb, mod) => function __require() {
    try {
      return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
    } catch (e) {
      throw mod = 0, e;
    }
  };
  var __copyProps = (to, from, except, desc) => {
    if (from && typeof from === "object" || typeof from === "function") {
      for (let key of __getOwnPropNames(from))
        if (!__hasOwnProp.call(to, key) && key !== except)
          __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
    }
    return to;
  };
  var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
    // If the importer is in node compatibility mode or this is not an ESM
    // file that has been converted to a CommonJS file using a Babel-
    // compatible transform (i.e. "__esModule" has not been set), then set
    // "default" to the CommonJS "module.exports" for node compatibility.
    isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
    mod
  ));

  // node_modules/zendesk_app_framework_sdk/lib/vendor/native-promise-only.js
  var require_native_promise_only = __commonJS({
    "node_modules/zendesk_app_framework_sdk/lib/vendor/native-promise-only.js"(exports, module) {
      /*! Native Promise Only
          v0.8.0-a (c) Kyle Simpson
          MIT License: http://getify.mit-license.org
      */
      (function UMD(name, context, definition) {
        context[name] = context[name] || definition();
        if (typeof module != "undefined" && module.exports) {
          module.exports = context[name];
        } else if (typeof define == "function" && define.amd) {
          define(function $AMD$() {
            return context[name];
          });
        }
      })("Promise", typeof global != "undefined" ? global : exports, function DEF() {
        "use strict";
        var builtInProp, cycle, scheduling_queue, ToString = Object.prototype.toString, timer = typeof setImmediate != "undefined" ? function timer2(fn) {
          return setImmediate(fn);
        } : setTimeout;
        try {
          Object.defineProperty({}, "x", {});
          builtInProp = function builtInProp2(obj, name, val, config) {
            return Object.defineProperty(obj, name, {
              value: val,
              writable: true,
              configurable: config !== false
            });
          };
        } catch (err) {
          builtInProp = function builtInProp2(obj, name, val) {
            obj[name] = val;
            return obj;
          };
        }
        scheduling_queue = /* @__PURE__ */ (function Queue() {
          var first, last, item;
          function Item(fn, self) {
            this.fn = fn;
            this.self = self;
            this.next = void 0;
          }
          return {
            add: function add(fn, self) {
              item = new Item(fn, self);
              if (last) {
                last.next = item;
              } else {
                first = item;
              }
              last = item;
              item = void 0;
            },
            drain: function drain() {
              var f = first;
              first = last = cycle = void 0;
              while (f) {
                f.fn.call(f.self);
                f = f.next;
              }
            }
          };
        })();
        function schedule(fn, self) {
          scheduling_queue.add(fn, self);
          if (!cycle) {
            cycle = timer(scheduling_queue.drain);
          }
        }
        function isThenable(o) {
          var _then, o_type = typeof o;
          if (o != null && (o_type == "object" || o_type == "function")) {
            _then = o.then;
          }
          return typeof _then == "function" ? _then : false;
        }
        function notify() {
          for (var i = 0; i < this.chain.length; i++) {
            notifyIsolated(
              this,
              this.state === 1 ? this.chain[i].success : this.chain[i].failure,
              this.chain[i]
            );
          }
          this.chain.length = 0;
        }
        function notifyIsolated(self, cb, chain) {
          var ret, _then;
          try {
            if (cb === false) {
              chain.reject(self.msg);
            } else {
              if (cb === true) {
                ret = self.msg;
              } else {
                ret = cb.call(void 0, self.msg);
              }
              if (ret === chain.promise) {
                chain.reject(TypeError("Promise-chain cycle"));
              } else if (_then = isThenable(ret)) {
                _then.call(ret, chain.resolve, chain.reject);
              } else {
                chain.resolve(ret);
              }
            }
          } catch (err) {
            chain.reject(err);
          }
        }
        function resolve(msg) {
          var _then, self = this;
          if (self.triggered) {
            return;
          }
          self.triggered = true;
          if (self.def) {
            self = self.def;
          }
          try {
            if (_then = isThenable(msg)) {
              schedule(function() {
                var def_wrapper = new MakeDefWrapper(self);
                try {
                  _then.call(
                    msg,
                    function $resolve$() {
                      resolve.apply(def_wrapper, arguments);
                    },
                    function $reject$() {
                      reject.apply(def_wrapper, arguments);
                    }
                  );
                } catch (err) {
                  reject.call(def_wrapper, err);
                }
              });
            } else {
              self.msg = msg;
              self.state = 1;
              if (self.chain.length > 0) {
                schedule(notify, self);
              }
            }
          } catch (err) {
            reject.call(new MakeDefWrapper(self), err);
          }
        }
        function reject(msg) {
          var self = this;
          if (self.triggered) {
            return;
          }
          self.triggered = true;
          if (self.def) {
            self = self.def;
          }
          self.msg = msg;
          self.state = 2;
          if (self.chain.length > 0) {
            schedule(notify, self);
          }
        }
        function iteratePromises(Constructor, arr, resolver, rejecter) {
          for (var idx = 0; idx < arr.length; idx++) {
            (function IIFE(idx2) {
              Constructor.resolve(arr[idx2]).then(
                function $resolver$(msg) {
                  resolver(idx2, msg);
                },
                rejecter
              );
            })(idx);
          }
        }
        function MakeDefWrapper(self) {
          this.def = self;
          this.triggered = false;
        }
        function MakeDef(self) {
          this.promise = self;
          this.state = 0;
          this.triggered = false;
          this.chain = [];
          this.msg = void 0;
        }
        function Promise2(executor) {
          if (typeof executor != "function") {
            throw TypeError("Not a function");
          }
          if (this.__NPO__ !== 0) {
            throw TypeError("Not a promise");
          }
          this.__NPO__ = 1;
          var def = new MakeDef(this);
          this["then"] = function then(success, failure) {
            var o = {
              success: typeof success == "function" ? success : true,
              failure: typeof failure == "function" ? failure : false
            };
            o.promise = new this.constructor(function extractChain(resolve2, reject2) {
              if (typeof resolve2 != "function" || typeof reject2 != "function") {
                throw TypeError("Not a function");
              }
              o.resolve = resolve2;
              o.reject = reject2;
            });
            def.chain.push(o);
            if (def.state !== 0) {
              schedule(notify, def);
            }
            return o.promise;
          };
          this["catch"] = function $catch$(failure) {
            return this.then(void 0, failure);
          };
          try {
            executor.call(
              void 0,
              function publicResolve(msg) {
                resolve.call(def, msg);
              },
              function publicReject(msg) {
                reject.call(def, msg);
              }
            );
          } catch (err) {
            reject.call(def, err);
          }
        }
        var PromisePrototype = builtInProp(
          {},
          "constructor",
          Promise2,
          /*configurable=*/
          false
        );
        Promise2.prototype = PromisePrototype;
        builtInProp(
          PromisePrototype,
          "__NPO__",
          0,
          /*configurable=*/
          false
        );
        builtInProp(Promise2, "resolve", function Promise$resolve(msg) {
          var Constructor = this;
          if (msg && typeof msg == "object" && msg.__NPO__ === 1) {
            return msg;
          }
          return new Constructor(function executor(resolve2, reject2) {
            if (typeof resolve2 != "function" || typeof reject2 != "function") {
              throw TypeError("Not a function");
            }
            resolve2(msg);
          });
        });
        builtInProp(Promise2, "reject", function Promise$reject(msg) {
          return new this(function executor(resolve2, reject2) {
            if (typeof resolve2 != "function" || typeof reject2 != "function") {
              throw TypeError("Not a function");
            }
            reject2(msg);
          });
        });
        builtInProp(Promise2, "all", function Promise$all(arr) {
          var Constructor = this;
          if (ToString.call(arr) != "[object Array]") {
            return Constructor.reject(TypeError("Not an array"));
          }
          if (arr.length === 0) {
            return Constructor.resolve([]);
          }
          return new Constructor(function executor(resolve2, reject2) {
            if (typeof resolve2 != "function" || typeof reject2 != "function") {
              throw TypeError("Not a function");
            }
            var len = arr.length, msgs = Array(len), count = 0;
            iteratePromises(Constructor, arr, function resolver(idx, msg) {
              msgs[idx] = msg;
              if (++count === len) {
                resolve2(msgs);
              }
            }, reject2);
          });
        });
        builtInProp(Promise2, "race", function Promise$race(arr) {
          var Constructor = this;
          if (ToString.call(arr) != "[object Array]") {
            return Constructor.reject(TypeError("Not an array"));
          }
          return new Constructor(function executor(resolve2, reject2) {
            if (typeof resolve2 != "function" || typeof reject2 != "function") {
              throw TypeError("Not a function");
            }
            iteratePromises(Constructor, arr, function resolver(idx, msg) {
              resolve2(msg);
            }, reject2);
          });
        });
        return Promise2;
      });
    }
  });

  // node_modules/zendesk_app_framework_sdk/lib/utils.js
  var require_utils = __commonJS({
    "node_modules/zendesk_app_framework_sdk/lib/utils.js"(exports, module) {
      var Promise2 = window.Promise || require_native_promise_only();
      function isObject(obj) {
        return obj !== null && typeof obj === "object";
      }
      function decode(s) {
        return decodeURIComponent((s || "").replace(/\+/g, " "));
      }
      function queryParameters(queryString) {
        var result = {}, keyValuePairs, keyAndValue, key, value;
        queryString = queryString || (document.location.search || "").slice(1);
        if (queryString.length === 0) {
          return result;
        }
        keyValuePairs = queryString.split("&");
        for (var i = 0; i < keyValuePairs.length; i++) {
          keyAndValue = keyValuePairs[i].split("=");
          key = decode(keyAndValue[0]);
          value = decode(keyAndValue[1]) || "";
          result[key] = value;
        }
        return result;
      }
      function isPromise(obj) {
        return obj instanceof Promise2 || !!obj && obj.then && typeof obj.then === "function";
      }
      function shouldReject(val) {
        return val === false || val instanceof Error || typeof val === "string";
      }
      function isString(key) {
        return typeof key === "string";
      }
      function when(items) {
        items = items || [];
        var resolveAll, rejectAll, allResolvedPromise = new Promise2(function(resolve, reject) {
          resolveAll = resolve;
          rejectAll = reject;
        });
        var remaining = 0, settledWith = [], itemsCopy = Array.isArray(items) ? items.slice() : [items];
        var resolveWith = function(data, index) {
          settledWith[index] = data;
          if (--remaining <= 0) {
            resolveAll(settledWith);
          }
        };
        remaining = itemsCopy.length;
        if (remaining <= 0) {
          resolveAll();
          return allResolvedPromise;
        }
        itemsCopy.forEach(function(item, index) {
          var promise;
          if (isPromise(item)) {
            promise = item;
          } else if (typeof item === "function") {
            var res;
            try {
              res = item();
              if (isPromise(res)) {
                promise = res;
              } else if (shouldReject(res)) {
                promise = Promise2.reject(res);
              } else {
                promise = Promise2.resolve(res);
              }
            } catch (err) {
              promise = Promise2.reject(err);
            }
          } else {
            promise = new Promise2(function(resolve, reject) {
              shouldReject(item) ? reject(item) : resolve(item);
            });
          }
          promise.then(
            function(data) {
              resolveWith(data, index);
            }
          ).catch(rejectAll.bind(rejectAll));
        });
        return allResolvedPromise;
      }
      module.exports = {
        queryParameters,
        when,
        isString,
        isObject
      };
    }
  });

  // node_modules/zendesk_app_framework_sdk/lib/client.js
  var require_client = __commonJS({
    "node_modules/zendesk_app_framework_sdk/lib/client.js"(exports, module) {
      var PROMISE_TIMEOUT = 5e3;
      var PROMISE_DONT_TIMEOUT = ["instances.create"];
      var ZAF_EVENT = /^zaf\./;
      var version = "2.0.9";
      var Utils = require_utils();
      var Promise2 = window.Promise || require_native_promise_only();
      var pendingPromises = {};
      var ids = {};
      function timeoutReject(reject, name, paramsArray) {
        switch (name) {
          case "invoke": {
            var matches = paramsArray.filter(function(action) {
              return PROMISE_DONT_TIMEOUT.indexOf(action) !== -1;
            });
            var allWhitelisted = matches.length === paramsArray.length;
            if (allWhitelisted) {
              return NaN;
            } else {
              var notAllWhitelisted = matches.length !== 0;
              if (notAllWhitelisted) {
                throw new Error("Illegal bulk call - `instances.create` must be called separately.");
              }
              return defaultTimer(reject, name, paramsArray);
            }
          }
          default: {
            return defaultTimer(reject, name, paramsArray);
          }
        }
      }
      function TimeoutError(name, paramsArray) {
        this.name = "TimeoutError";
        this.message = 'Timeout when invoking "' + name + '"';
        this.invocationName = name;
        this.paramsArray = paramsArray;
      }
      function defaultTimer(callback, name, paramsArray) {
        return setTimeout(function() {
          callback(new TimeoutError(name, paramsArray));
        }, PROMISE_TIMEOUT);
      }
      function nextIdFor(name) {
        if (isNaN(ids[name])) {
          ids[name] = 0;
        }
        return ++ids[name];
      }
      function rawPostMessage(client2, msg, forceReady) {
        if (client2.ready || forceReady) {
          client2._source.postMessage(msg, client2._origin);
        } else {
          client2.on("app.registered", rawPostMessage.bind(null, client2, msg));
        }
      }
      function wrappedPostMessage(name, params) {
        var id = nextIdFor("promise"), timeoutId;
        var promise = new Promise2(function(resolve, reject) {
          timeoutId = timeoutReject(reject, name, Array.isArray(params) ? params : Object.keys(params));
          pendingPromises[id] = { resolve, reject };
          var msg = JSON.stringify({
            id,
            request: name,
            params,
            appGuid: this._appGuid,
            instanceGuid: this._instanceGuid
          });
          rawPostMessage(this, msg);
        }.bind(this));
        return promise.then(removePromise.bind(null, id, timeoutId), removePromise.bind(null, id, timeoutId));
      }
      function createError(error) {
        if (error.path) {
          error.message = '"' + error.path + '" ' + error.message;
        }
        var err = new Error(error.message);
        err.name = error.name;
        err.stack = error.stack;
        return err;
      }
      function removePromise(id, timeoutId, args) {
        clearTimeout(timeoutId);
        delete pendingPromises[id];
        if (args instanceof Error) throw args;
        return args;
      }
      function isValidEvent(client2, event) {
        return client2 && client2._origin === event.origin && client2._source === event.source;
      }
      function triggerEvent(client2, eventName, data) {
        if (!client2._messageHandlers[eventName]) {
          return false;
        }
        client2._messageHandlers[eventName].forEach(function(handler) {
          handler(data);
        });
      }
      function finalizePendingPromise(pendingPromise, data) {
        if (data.error) {
          var error = data.error.name ? createError(data.error) : data.error;
          pendingPromise.reject(error);
        } else {
          pendingPromise.resolve(data.result);
        }
      }
      function postReplyWith(client2, key, msg) {
        if (client2._repliesPending[key]) {
          return;
        }
        msg.key = "iframe.reply:" + key;
        client2._repliesPending[key] = true;
        return Utils.when(client2._messageHandlers[key]).then(
          rawPostMessage.bind(null, client2, msg)
        ).catch(function(reason) {
          var rejectMessage = reason instanceof Error ? reason.message : reason;
          msg.error = {
            msg: rejectMessage
          };
          rawPostMessage(client2, msg);
        }).then(function() {
          delete client2._repliesPending[key];
        });
      }
      function getMessageRecipient(client2, recipientGuid) {
        var messageRecipient = client2;
        if (recipientGuid && recipientGuid !== client2._instanceGuid) {
          messageRecipient = client2._instanceClients[recipientGuid];
          if (!messageRecipient) {
            throw Error("[ZAF SDK] Could not find client for instance " + recipientGuid);
          }
        }
        return messageRecipient;
      }
      function messageHandler(client2, event) {
        if (!isValidEvent(client2, event)) {
          return;
        }
        var data = event.data;
        if (!data) {
          return;
        }
        if (typeof data === "string") {
          try {
            data = JSON.parse(event.data);
          } catch (e) {
            return e;
          }
        }
        var clientRecipient = getMessageRecipient(client2, data.instanceGuid), pendingPromise;
        if (data.id && (pendingPromise = pendingPromises[data.id])) {
          finalizePendingPromise(pendingPromise, data);
        } else if (ZAF_EVENT.test(data.key)) {
          var key = data.key.replace(ZAF_EVENT, ""), msg = { appGuid: client2._appGuid };
          if (data.needsReply) {
            return postReplyWith(clientRecipient, key, msg);
          } else {
            triggerEvent(clientRecipient, key, data.message);
          }
        }
      }
      function processResponse(path, result) {
        var isSingularOperation = typeof path === "string";
        if (!isSingularOperation) {
          return result;
        }
        var err = result.errors && result.errors[path];
        if (err) {
          throw createError(err);
        }
        return result;
      }
      var Client = function(options) {
        this._parent = options.parent;
        this._origin = options.origin || this._parent && this._parent._origin;
        this._source = options.source || this._parent && this._parent._source || window.parent;
        this._appGuid = options.appGuid || this._parent && this._parent._appGuid;
        this._instanceGuid = options.instanceGuid || this._appGuid;
        this._messageHandlers = {};
        this._repliesPending = {};
        this._instanceClients = {};
        this._metadata = null;
        this._context = options.context || null;
        this.ready = false;
        this.on("app.registered", function(data) {
          this.ready = true;
          this._metadata = data.metadata;
          this._context = data.context;
        }, this);
        this.on("context.updated", function(context) {
          this._context = context;
        }, this);
        if (this._parent) {
          this.ready = this._parent.ready;
          return this;
        }
        window.addEventListener("message", messageHandler.bind(null, this));
        this.postMessage("iframe.handshake", { version });
      };
      Client.prototype = {
        /// ### Client Object
        ///
        /// #### client.postMessage(name, [data])
        ///
        /// Allows you to send message events to the Zendesk app.
        ///
        /// ##### Arguments
        ///
        ///   * `name` the name of the message event. This determines the name of the iframe
        ///     event your app will receive. For example, if you set this to 'hello', your app will receive
        ///     the event 'iframe.hello'
        ///   * `data` (optional) a JSON object with any data that you want to pass along with the
        ///     event
        ///
        /// ```javascript
        /// var client = ZAFClient.init();
        /// client.postMessage('hello', { awesome: true });
        /// ```
        postMessage: function(name, data) {
          var msg = JSON.stringify({ key: name, message: data, appGuid: this._appGuid, instanceGuid: this._instanceGuid });
          rawPostMessage(this, msg, name === "iframe.handshake");
        },
        /// #### client.on(name, handler, [context])
        ///
        /// Allows you to add handlers to a framework event. You can add as many handler as you wish.
        /// They will be executed in the order they were added.
        ///
        /// ##### Arguments
        ///
        ///   * `name` the name of the framework event you want to listen to. This can be
        ///     [framework](./events.html#framework-events), [request](./events.html#request-events), or
        ///     [custom](./events.html#custom-events) events. Your iframe can listen to any events your app
        ///     receives, apart from DOM events. You don't need to register these events in the app first
        ///   * `handler` a function to be called when this event fires. You can expect to receive the same
        ///     event object your app would receive, parsed as JSON
        ///   * `context` (optional) the value of `this` within your handler
        ///
        /// ```javascript
        /// var client = ZAFClient.init();
        /// client.on('app.registered', function(e) {
        ///   // go nuts
        /// });
        /// ```
        ///
        /// Note: As soon as communication with the Zendesk app is established, the SDK triggers an
        /// `app.registered` event. You can add as many handlers to `app.registered` as you like. They're
        /// called immediately after the `init` callback.
        on: function(name, handler, context) {
          if (typeof handler == "function") {
            handler = context ? handler.bind(context) : handler;
            this._messageHandlers[name] = this._messageHandlers[name] || [];
            this._messageHandlers[name].push(handler);
            if (name !== "app.registered") {
              this.postMessage("iframe.on:" + name, { subscriberCount: this._messageHandlers[name].length });
            }
          }
        },
        /// #### client.off(name, handler)
        ///
        /// Allows you to remove a handler for a framework event.
        ///
        /// ##### Arguments
        ///
        ///   * `name` the name of the event
        ///   * `handler` the function you attached earlier with `on`
        ///
        /// ```javascript
        /// var client = ZAFClient.init();
        ///
        /// client.on('app.registered', function appRegistered(e) {
        ///   // do stuff then remove the handler
        ///   client.off('app.registered', appRegistered);
        /// });
        /// ```
        off: function(name, handler) {
          if (!this._messageHandlers[name]) {
            return false;
          }
          var index = this._messageHandlers[name].indexOf(handler);
          if (this.has(name, handler)) {
            this._messageHandlers[name].splice(index, 1);
          }
          this.postMessage("iframe.off:" + name, { subscriberCount: this._messageHandlers[name].length });
          return handler;
        },
        /// #### client.has(name, handler)
        ///
        /// Returns whether or not an event has the specified handler attached to it.
        ///
        /// ##### Arguments
        ///
        ///   * `name` the name of the event
        ///   * `handler` the handler you want to test
        ///
        /// ```javascript
        /// var client = ZAFClient.init();
        ///
        /// client.on('app.registered', function appRegistered(e) {
        ///   // do stuff
        /// });
        ///
        /// client.has('app.registered', appRegistered); // true
        /// client.has('app.activated', appRegistered); // false
        /// ```
        has: function(name, handler) {
          if (!this._messageHandlers[name]) {
            return false;
          }
          return this._messageHandlers[name].indexOf(handler) !== -1;
        },
        /// #### client.trigger(name, [data])
        ///
        /// Triggers the specified event on the client.
        ///
        /// ##### Arguments
        ///
        ///   * `name` the name of the event you want to trigger
        ///   * `data` (optional) data you want to pass to the handler
        ///
        /// ```javascript
        /// var client = ZAFClient.init();
        ///
        /// client.on('activation', function {
        ///   console.log('activating!')
        /// });
        ///
        /// client.trigger('activation') // activating!
        /// ```
        trigger: function(name, data) {
          this.postMessage("iframe.trigger:" + name, data);
        },
        /// #### client.request(options)
        ///
        /// Dispatch [requests](./requests) via the Zendesk app.
        ///
        /// ##### Arguments
        ///
        ///   * `options` the url of the request or an options object containing a url key/value
        ///
        /// ##### Returns
        ///
        /// A [Promises/A+](https://promisesaplus.com) conformant `promise` object.
        ///
        /// ```javascript
        /// var client = ZAFClient.init();
        ///
        /// client.request('/api/v2/tickets.json').then(
        ///   function(tickets) {
        ///     console.log(tickets);
        ///   },
        ///   function(response) {
        ///     console.error(response.responseText);
        ///   }
        /// );
        /// ```
        request: function(options) {
          if (this._parent) {
            return this._parent.request(options);
          }
          var requestKey = "request:" + nextIdFor("request");
          return new Promise2(function(resolve, reject) {
            if (typeof options === "string") {
              options = { url: options };
            }
            this.on(requestKey + ".done", function(evt) {
              resolve.apply(this, evt.responseArgs);
            });
            this.on(requestKey + ".fail", function(evt) {
              reject.apply(this, evt.responseArgs);
            });
            this.postMessage(requestKey, options);
          }.bind(this));
        },
        instance: function(instanceGuid) {
          if (!instanceGuid || typeof instanceGuid !== "string") {
            throw new Error("The instance method expects an `instanceGuid` string.");
          }
          if (instanceGuid === this._instanceGuid) {
            return this;
          }
          if (this._parent) {
            return this._parent.instance(instanceGuid);
          }
          var instanceClient = this._instanceClients[instanceGuid];
          if (!instanceClient) {
            instanceClient = new Client({
              parent: this,
              instanceGuid
            });
            this._instanceClients[instanceGuid] = instanceClient;
          }
          return instanceClient;
        },
        metadata: function() {
          if (this._parent) {
            return this._parent.metadata();
          }
          return new Promise2(function(resolve) {
            if (this._metadata) {
              resolve(this._metadata);
            } else {
              this.on("app.registered", function() {
                resolve(this._metadata);
              }.bind(this));
            }
          }.bind(this));
        },
        context: function() {
          if (this._context) {
            return Promise2.resolve(this._context);
          } else {
            if (this._instanceGuid && this._instanceGuid != this._appGuid) {
              var key = "instances." + this._instanceGuid;
              return this.get(key).then(function(data) {
                this._context = data[key];
                return this._context;
              }.bind(this));
            } else {
              return new Promise2(function(resolve) {
                this.on("app.registered", function(data) {
                  resolve(data.context);
                });
              }.bind(this));
            }
          }
        },
        // Accepts string or array of strings.
        get: function(path) {
          var paths = Array.isArray(path) ? path : [path];
          if (arguments.length > 1 || paths.some(function(path2) {
            return !Utils.isString(path2);
          })) {
            throw new Error("The get method accepts a string or array of strings.");
          }
          return wrappedPostMessage.call(this, "get", paths).then(processResponse.bind(null, path));
        },
        set: function(key, val) {
          var obj = key;
          if (typeof key === "string") {
            if (arguments.length === 1) {
              throw new Error("The setter requires a value");
            }
            obj = {};
            obj[key] = val;
          }
          if (!Utils.isObject(obj) || Array.isArray(obj)) {
            throw new Error("The set method accepts a key and value pair, or an object of key and value pairs.");
          }
          return wrappedPostMessage.call(this, "set", obj).then(processResponse.bind(null, key));
        },
        invoke: function(keyOrObject) {
          var obj = {};
          if (typeof keyOrObject === "string") {
            obj[keyOrObject] = Array.prototype.slice.call(arguments, 1);
          } else if (typeof keyOrObject === "object") {
            Object.keys(keyOrObject).forEach(function(key) {
              var methodArgs = keyOrObject[key];
              if (!Array.isArray(methodArgs) || methodArgs.some(function(arg) {
                return !Utils.isString(arg);
              })) {
                throw new Error("Invoke supports string arguments or an object with array of strings.");
              }
            });
            obj = keyOrObject;
          } else {
            throw new Error("Invoke supports string arguments or an object with array of strings.");
          }
          return wrappedPostMessage.call(this, "invoke", obj).then(processResponse.bind(null, keyOrObject));
        }
      };
      module.exports = Client;
    }
  });

  // node_modules/zendesk_app_framework_sdk/lib/index.js
  var require_lib = __commonJS({
    "node_modules/zendesk_app_framework_sdk/lib/index.js"(exports, module) {
      var Client = require_client();
      var Utils = require_utils();
      var ZAFClient2 = {};
      ZAFClient2.init = function(callback) {
        var queryParams = Utils.queryParameters(), hashParams = Utils.queryParameters((document.location.hash || "").slice(1)), origin = queryParams.origin || hashParams.origin, app_guid = queryParams.app_guid || hashParams.app_guid, client2;
        if (!origin || !app_guid) {
          return false;
        }
        client2 = new Client({ origin, appGuid: app_guid });
        if (typeof callback === "function") {
          client2.on("app.registered", callback.bind(client2));
        }
        return client2;
      };
      module.exports = ZAFClient2;
    }
  });

  // src/zendesk.js
  var import_zendesk_app_framework_sdk = __toESM(require_lib(), 1);

  // src/panel.js
  var HostContextError = class extends Error {
  };
  var DrafterUnavailable = class extends Error {
  };
  var DrafterRefused = class extends Error {
  };
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) if (child !== null && child !== void 0) node.append(child);
    return node;
  }
  function htmlToText(value) {
    const raw = value === null || value === void 0 ? "" : String(value);
    if (!/<[a-z][\s\S]*>/i.test(raw)) return raw.trim();
    const doc = new DOMParser().parseFromString(raw.replace(/<br\s*\/?>/gi, "\n").replace(/<\/p>/gi, "</p>\n"), "text/html");
    return (doc.body.textContent || "").split("\n").map((line) => line.trim()).filter(Boolean).join("\n");
  }
  var REWRITES = {
    friendlier: "Friendlier",
    more_formal: "More formal",
    shorter: "Shorter",
    expand: "Expand",
    simplify: "Simpler",
    more_empathetic: "More empathetic"
  };
  var normalise = (text) => (text || "").replace(/\s+/g, " ").trim();
  function outcomeOf(draftText, sentText) {
    return normalise(draftText) === normalise(sentText) ? "accepted" : "edited";
  }
  var gradeLabel = (name) => String(name || "grade").replace(/_/g, " ");
  var gradeValue = (score) => typeof score === "number" ? Math.max(0, Math.min(1, score)).toFixed(2) : "n/a";
  function renderScorecard(container, scorecard, checkFirst) {
    container.replaceChildren();
    const items = (Array.isArray(scorecard) ? scorecard : []).filter((item) => item && typeof item === "object");
    const toCheck = (Array.isArray(checkFirst) ? checkFirst : []).filter((item) => item && typeof item === "object");
    if (!items.length) {
      container.append(el("p", { className: "muted", textContent: "No grades." }));
      return;
    }
    const checks = el("div", { id: "check-first" });
    if (toCheck.length) {
      checks.append(el("div", { className: "muted", textContent: "Check first:" }));
      for (const c of toCheck) {
        checks.append(el(
          "div",
          { className: "check" },
          el("b", { textContent: `${gradeLabel(c.name)} ${gradeValue(c.score)}` }),
          " " + (c.reason || "")
        ));
      }
    } else {
      checks.append(el("div", { className: "muted", textContent: "Nothing falls below its pass mark." }));
    }
    container.append(checks);
    const all = el("details", { id: "all-grades" }, el("summary", { textContent: `All ${items.length} grades` }));
    for (const item of items) {
      const applies = typeof item.score === "number" && item.status !== "n/a";
      const score = applies ? Math.max(0, Math.min(1, item.score)) : null;
      const row = el(
        "div",
        { className: `score ${applies ? item.status || "ok" : "na"}`, title: item.explanation || "" },
        el("span", { className: "score-name", textContent: gradeLabel(item.name || item.grader) }),
        el("span", { className: "bar" }, score === null ? null : el("i", { style: `width:${Math.round(score * 100)}%` })),
        el("span", { className: "score-value", textContent: applies ? score.toFixed(2) : "n/a" }),
        el("span", { className: "meaning", textContent: item.meaning || item.explanation || "" })
      );
      row.dataset.name = item.name || "";
      all.append(row);
    }
    container.append(all);
  }
  function renderCitations(container, citations) {
    container.replaceChildren();
    if (!citations.length) container.append(el("p", { className: "muted", textContent: "No sources cited." }));
    for (const c of citations) {
      container.append(el(
        "details",
        { className: "citation" },
        el("summary", { textContent: c.title || c.doc_id }),
        el("p", { textContent: c.passage || "" }),
        el("small", { className: "muted", textContent: c.doc_id })
      ));
    }
  }
  function mountPanel(root2, host, request) {
    const ui = {
      context: el("div", { className: "context", id: "context" }, el("span", { className: "muted", textContent: `Reading the ticket from ${host.name}\u2026` })),
      draftButton: el("button", { className: "primary", id: "draft-button", textContent: "Draft reply", disabled: true }),
      status: el("div", { id: "status", role: "status" }),
      retry: el("button", { id: "retry-button", textContent: "Retry", hidden: true }),
      result: el("div", { id: "result", hidden: true }),
      text: el("textarea", { id: "draft-text", rows: 10 }),
      deliver: el("button", { className: "primary", id: "deliver-button", textContent: host.deliverLabel }),
      discard: el("button", { id: "discard-button", textContent: "Discard" }),
      rewriteOp: el("select", { id: "rewrite-op" }, ...Object.entries(REWRITES).map(([value, label]) => el("option", { value, textContent: label }))),
      rewrite: el("button", { id: "rewrite-button", textContent: "Rewrite" }),
      warnings: el("div", { id: "warnings" }),
      principles: el("div", { id: "principles", className: "chips" }),
      scorecard: el("div", { id: "scorecard" }),
      citations: el("div", { id: "citations" })
    };
    ui.text.dataset.testid = "draft-text";
    ui.text.setAttribute("aria-label", "Draft");
    ui.rewriteOp.setAttribute("aria-label", "Rewrite as");
    ui.result.append(
      ui.text,
      el("div", { className: "row" }, ui.deliver, ui.discard),
      el("div", { className: "row" }, ui.rewriteOp, ui.rewrite),
      ui.warnings,
      el("h2", { textContent: "Sources" }),
      ui.citations,
      el("h2", { textContent: "Scorecard" }),
      ui.scorecard,
      el("h2", { textContent: "Why these principles" }),
      ui.principles
    );
    root2.replaceChildren(...[
      el("header", {}, el("strong", { textContent: "drafter" }), el("span", { className: "muted", textContent: " \xB7 Draft reply" })),
      ui.context,
      host.input,
      el("div", { className: "row" }, ui.draftButton),
      el("div", { className: "status-row" }, ui.status, ui.retry),
      ui.result
    ].filter(Boolean));
    let ticket = null;
    let draft = null;
    let delivered = null;
    let lastAction = null;
    const status = (text, kind) => {
      ui.status.textContent = text;
      ui.status.className = kind || "";
    };
    function fail(err, action) {
      const unavailable = err instanceof DrafterUnavailable;
      status(unavailable ? `${err.message} Your ${host.name} page keeps working; try again in a moment.` : err.message, "error");
      lastAction = action;
      ui.retry.hidden = !action;
    }
    async function attempt(action) {
      ui.retry.hidden = true;
      try {
        await action();
      } catch (err) {
        if (err instanceof HostContextError || err instanceof DrafterUnavailable || err instanceof DrafterRefused) fail(err, action);
        else fail(new Error(`Something went wrong: ${err && err.message ? err.message : err}`), action);
      }
    }
    ui.retry.addEventListener("click", () => lastAction && attempt(lastAction));
    function showTicket(t) {
      ticket = t;
      const who = t.customer_name ? `${t.customer_name}` : "the customer";
      const quote = t.text ? `: \u201C${t.text.slice(0, 140)}${t.text.length > 140 ? "\u2026" : ""}\u201D` : "";
      ui.context.replaceChildren(
        el("div", { className: "subject", textContent: t.subject || t.title || "(no subject)" }),
        el("div", { className: "muted", textContent: `Replying to ${who}${quote}` })
      );
      ui.draftButton.disabled = false;
    }
    async function loadTicket() {
      status(`Reading the ticket from ${host.name}\u2026`);
      ui.draftButton.disabled = true;
      showTicket(await host.loadTicket());
      status("");
    }
    function render(d) {
      draft = d;
      ui.result.hidden = false;
      ui.text.value = d.text;
      renderCitations(ui.citations, d.citations || []);
      renderScorecard(ui.scorecard, d.scorecard, d.check_first);
      ui.principles.replaceChildren(...(d.principles || []).map((p) => el("div", { className: "principle" }, el("span", { className: "chip", textContent: p.name }), " " + (p.reason || ""))));
      ui.warnings.replaceChildren(...(d.warnings || []).map((w) => el("div", { className: "warning", textContent: `${w.code}: ${w.message}` })));
      ui.deliver.disabled = false;
      ui.discard.disabled = false;
    }
    async function makeDraft() {
      status("Drafting\u2026");
      ui.draftButton.disabled = true;
      try {
        if (host.ticketForDraft) ticket = host.ticketForDraft();
        const body = {
          text: ticket.text,
          subject: ticket.subject || null,
          customer_id: ticket.customer_id || null,
          channel: ticket.channel || null,
          conversation: ticket.conversation || []
        };
        render(await request("POST", "/v1/drafts", body));
        status(`Draft ready. Edit it here or after you ${host.deliverLabel.toLowerCase()}.`, "ok");
      } finally {
        ui.draftButton.disabled = false;
      }
    }
    async function feedback(outcome, finalText) {
      const body = { outcome, final_text: outcome === "rejected" ? null : finalText, agent_id: ticket.agent_id || null };
      const record = await request("POST", `/v1/drafts/${draft.id}/feedback`, body);
      status(`Feedback recorded: ${record.outcome}.`, "ok");
    }
    async function deliver() {
      const text = ui.text.value;
      const message = await host.deliver(text);
      if (host.recordsOnSend) {
        delivered = text;
        status(message, "ok");
        return;
      }
      status(message, "ok");
      await feedback(outcomeOf(draft.text, text), text);
    }
    async function rewrite() {
      status("Rewriting\u2026");
      const edited = ui.text.value !== draft.text ? ui.text.value : null;
      render(await request("POST", `/v1/drafts/${draft.id}/rewrite`, { operation: ui.rewriteOp.value, text: edited }));
      status("Rewritten.", "ok");
    }
    async function discard() {
      delivered = null;
      ui.deliver.disabled = true;
      ui.discard.disabled = true;
      await feedback("rejected");
    }
    ui.draftButton.addEventListener("click", () => attempt(makeDraft));
    ui.deliver.addEventListener("click", () => attempt(deliver));
    ui.discard.addEventListener("click", () => attempt(discard));
    ui.rewrite.addEventListener("click", () => attempt(rewrite));
    if (host.onSent) {
      host.onSent((sent) => {
        if (!draft || delivered === null) return;
        const outcome = outcomeOf(draft.text, sent);
        delivered = null;
        attempt(() => feedback(outcome, sent));
      });
    }
    if (host.watch) host.watch(() => attempt(loadTicket));
    attempt(loadTicket);
  }
  function ticketFrom(messages, fields) {
    const usable = messages.filter((m) => m.text);
    let last = -1;
    usable.forEach((m, i) => {
      if (m.role === "customer") last = i;
    });
    if (last < 0) throw new HostContextError(`${fields.host} sent no customer message to reply to.`);
    return { ...fields, text: usable[last].text, conversation: usable.slice(0, last).map(({ role, text }) => ({ role, text })) };
  }

  // src/zendesk.js
  var PROXY_TIMEOUT_MS = 6e4;
  function proxyTransport(client2, baseUrl) {
    return async function request(method, path, body) {
      const options = {
        url: baseUrl + path,
        type: method,
        contentType: "application/json",
        dataType: "json",
        data: body === void 0 ? void 0 : JSON.stringify(body),
        headers: { Authorization: "Bearer {{setting.api_token}}" },
        secure: true,
        cors: false,
        httpCompleteResponse: true,
        timeout: PROXY_TIMEOUT_MS
      };
      let response;
      try {
        response = await client2.request(options);
      } catch (failed) {
        const status = failed && failed.status || 0;
        let data = failed && failed.responseJSON;
        if (!data && failed && failed.responseText) {
          try {
            data = JSON.parse(failed.responseText);
          } catch (err) {
            data = null;
          }
        }
        if (status === 0 || status >= 500) throw new DrafterUnavailable(`drafter is not available (HTTP ${status || "no answer"}).`);
        throw new DrafterRefused(data && data.message || `drafter refused the request (HTTP ${status}).`);
      }
      if (response && typeof response === "object" && "responseJSON" in response) return response.responseJSON;
      if (response && typeof response === "object" && typeof response.responseText === "string") return JSON.parse(response.responseText);
      return response;
    };
  }
  var PATHS = ["ticket.id", "ticket.subject", "ticket.requester", "ticket.comments", "currentUser"];
  function ticketFromZendesk(result) {
    const errors = result && result.errors ? Object.keys(result.errors) : [];
    if (!result || errors.length) {
      throw new HostContextError(`Zendesk could not give the ticket (${errors.join(", ") || "no answer"}); reopen the ticket, then retry.`);
    }
    const comments = result["ticket.comments"];
    const requester = result["ticket.requester"];
    if (!Array.isArray(comments) || !requester || typeof requester !== "object") {
      throw new HostContextError("Zendesk sent a ticket drafter cannot read (no comments or requester).");
    }
    const ordered = comments.every((c) => c && c.createdAt) ? [...comments].sort((a, b) => new Date(a.createdAt) - new Date(b.createdAt)) : comments;
    const messages = ordered.filter((c) => c && typeof c === "object" && c.author).map((c) => ({
      role: c.author.role === "end-user" || c.author.id === requester.id ? "customer" : "agent",
      text: htmlToText(c.value)
    }));
    const user = result.currentUser || {};
    return ticketFrom(messages, {
      host: "Zendesk",
      subject: typeof result["ticket.subject"] === "string" ? result["ticket.subject"] : null,
      customer_id: requester.externalId || (requester.id !== void 0 ? String(requester.id) : null),
      customer_name: requester.name || null,
      agent_id: user.id !== void 0 ? String(user.id) : null,
      channel: "email"
    });
  }
  function zendeskHost(client2) {
    let onSent = null;
    let captured = null;
    client2.on("ticket.save", () => client2.get("ticket.comment.text").then((r) => {
      captured = htmlToText(r["ticket.comment.text"]);
      return true;
    }, () => true));
    client2.on("ticket.submit.done", () => {
      if (onSent && captured !== null) onSent(captured);
      captured = null;
    });
    return {
      name: "Zendesk",
      deliverLabel: "Insert into reply",
      recordsOnSend: true,
      onSent(cb) {
        onSent = cb;
      },
      async loadTicket() {
        return ticketFromZendesk(await client2.get(PATHS));
      },
      async deliver(text) {
        await client2.invoke("ticket.editor.insert", text);
        return "Inserted into the reply. Feedback is recorded when you submit; Discard if you do not use it.";
      }
    };
  }
  var root = document.getElementById("app");
  var client = import_zendesk_app_framework_sdk.default.init();
  if (!client) {
    root.textContent = "Open this app from a Zendesk ticket: it runs inside Zendesk Support's ticket sidebar.";
    root.className = "error";
  } else {
    client.metadata().then((metadata) => {
      const settings = metadata && metadata.settings || {};
      const baseUrl = String(settings.drafter_url || "").replace(/\/+$/, "");
      if (!/^https?:\/\//.test(baseUrl)) {
        root.textContent = "The app's drafter URL setting is missing: set it in Admin Center \u203A Apps \u203A drafter.";
        root.className = "error";
        return;
      }
      mountPanel(root, zendeskHost(client), proxyTransport(client, baseUrl));
      new ResizeObserver(() => client.invoke("resize", { width: "100%", height: `${document.documentElement.scrollHeight}px` })).observe(document.body);
    });
  }
})();
