/**
 * Web build of the add-in: one page (taskpane.html) for the SHARED RUNTIME. The manifest points the
 * task pane, the custom functions page and the runtime at that page, which loads both bundles:
 *   functions.js  the custom functions (+ functions.json, generated from their JSDoc)
 *   taskpane.js   the React task pane
 * A single webpack runtime chunk makes both entries share one module registry, so the task pane and
 * the custom functions see the same instance of every shared module.
 *
 *   npm run build:web          production build into dist/
 *   npm run dev-server         https://localhost:3000 (http when no Office dev certificates exist)
 *
 * ADDIN_PUBLIC_URL=https://example.go.id/sakip/ rewrites https://localhost:3000/ in the copied
 * manifest.xml to the production address.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import webpack from "webpack";
import HtmlWebpackPlugin from "html-webpack-plugin";
import CopyWebpackPlugin from "copy-webpack-plugin";
import CustomFunctionsMetadataPlugin from "custom-functions-metadata-plugin";

const root = path.dirname(fileURLToPath(import.meta.url));
const DEV_URL = "https://localhost:3000/";
const PORT = 3000;

/** The production address with exactly one trailing slash, or undefined. */
function publicUrl() {
  const raw = process.env.ADDIN_PUBLIC_URL?.trim();
  if (!raw) return undefined;
  if (!/^https:\/\//i.test(raw)) throw new Error(`ADDIN_PUBLIC_URL must be an https:// address, got "${raw}"`);
  return `${raw.replace(/\/+$/, "")}/`;
}

/** HTTPS options from office-addin-dev-certs (~/.office-addin-dev-certs), if they were installed. */
function devServerOptions() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  const found = Object.fromEntries(
    Object.entries(files)
      .map(([k, f]) => [k, path.join(dir, f)])
      .filter(([, p]) => fs.existsSync(p)),
  );
  if (!found.key || !found.cert) return { type: "http" };
  return {
    type: "https",
    options: Object.fromEntries(Object.entries(found).map(([k, p]) => [k, fs.readFileSync(p)])),
  };
}

/** Node built-ins that browser code may reach through shared modules; they bundle as empty modules. */
const NODE_BUILTINS = ["assert", "buffer", "crypto", "events", "fs", "os", "path", "stream", "string_decoder", "url", "util", "zlib"];

export default (_env, argv) => {
  const dev = argv.mode !== "production";
  const prodUrl = publicUrl();

  return {
    mode: dev ? "development" : "production",
    context: root,
    target: "web",
    // Never an eval-based devtool: the page's CSP has no 'unsafe-eval'.
    devtool: dev ? "source-map" : false,
    entry: {
      // Order matters: the custom functions register before the task pane renders.
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.join(root, "dist"),
      // functions.js keeps a fixed name: the manifest refers to it. Everything else is hashed in
      // production, so Office's aggressive caching never mixes old and new chunks.
      filename: (pathData) => (dev || pathData.chunk?.name === "functions" ? "[name].js" : "[name].[contenthash:8].js"),
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      // dist/node holds the Node library and CLI (tsc): the web build must not wipe it.
      clean: { keep: /^node[\\/]/ },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".jsx", ".json"],
      // Sources import with NodeNext-style ".js" suffixes that name .ts files.
      extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
      alias: {
        // exceljs ships a self-contained browser build; its Node entry pulls in fs, stream, zlib...
        exceljs$: path.join(root, "node_modules/exceljs/dist/exceljs.min.js"),
      },
      fallback: Object.fromEntries(NODE_BUILTINS.map((m) => [m, false])),
    },
    module: {
      // Already bundled and minified: parsing it again only costs time.
      noParse: /[\\/]exceljs[\\/]dist[\\/]exceljs(\.min)?\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              configFile: path.join(root, "tsconfig.json"),
              compilerOptions: {
                noEmit: false,
                module: "esnext",
                moduleResolution: "bundler",
                sourceMap: dev,
              },
            },
          },
        },
      ],
    },
    optimization: {
      runtimeChunk: "single",
      splitChunks: { chunks: "all" },
    },
    performance: {
      // exceljs alone is ~1 MB minified; warn only beyond what the app is expected to weigh.
      maxAssetSize: 3 * 1024 * 1024,
      maxEntrypointSize: 4 * 1024 * 1024,
    },
    plugins: [
      // `import "node:fs"` → "fs", which resolve.fallback turns into an empty module.
      new webpack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.replace(/^node:/, "");
      }),
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "samples/lkjip-ntt-2025.xlsx", to: "samples/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (prodUrl ? content.toString().replaceAll(DEV_URL, prodUrl) : content),
          },
        ],
      }),
    ],
    devServer: {
      port: PORT,
      server: devServerOptions(),
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      // Office caches aggressively; a full reload is the predictable way to see a change.
      hot: false,
      liveReload: true,
      client: { overlay: { warnings: false } },
    },
  };
};
