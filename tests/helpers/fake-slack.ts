/** The fake Slack (Web API, response_url sink, request signer) lives in bench/, which may not import tests/. */
export * from '../../bench/fake-slack.js';
