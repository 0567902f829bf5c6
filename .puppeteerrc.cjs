// whatsapp-web.js depends on puppeteer; finleak only reads its typings, so no browser download.
module.exports = { skipDownload: true };
