// Shape 22: commented out, but still in git history.
// const awsAccessKeyId = '{{AKID:4}}';
module.exports.bucket = 'invoices';
